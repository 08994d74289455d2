import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles/base.css';
import './styles/components.css';
import './styles/overlays.css';
import './styles/connect.css';
import './styles/layout.css';
import './styles/inbox.css';
import './styles/conversation.css';
import './styles/free-replies.css';
import './styles/suggestions.css';
import './styles/rules.css';
import './styles/tags.css';
import './styles/lead.css';
import './styles/outbox.css';
import './styles/desktop.css';
import './styles/media.css';
import './styles/attachments.css';
import './styles/groups.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html is missing #root');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
