import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { InboxApi, Session } from '../../../src/shared/ipc';
import { ApiProvider } from '../../../src/renderer/api/api-context';
import { ConnectScreen } from '../../../src/renderer/features/connect/ConnectScreen';
import { TopBar } from '../../../src/renderer/features/layout/TopBar';
import { I18nProvider } from '../../../src/renderer/i18n';

/** Nothing is invoked while rendering to markup (effects do not run); the screens only need the context. */
const api = {
  invoke: () => new Promise(() => undefined),
  onChanged: () => () => undefined,
} as unknown as InboxApi;

function render(node: React.ReactNode): string {
  return renderToStaticMarkup(
    <ApiProvider api={api}>
      <I18nProvider>{node}</I18nProvider>
    </ApiProvider>,
  );
}

const signedIn: Extract<Session, { state: 'signed_in' }> = {
  state: 'signed_in',
  relayUrl: 'http://192.168.1.20:8787',
  transport: 'http_local_network',
  tokenStorage: 'owner_only_file',
  agentName: '小美',
  role: 'agent',
  demo: false,
};

describe('what the agent sees about encryption (zh-TW)', () => {
  it('the top bar says the connection and the token are not encrypted', () => {
    const html = render(<TopBar session={signedIn} sync={null} onShowShortcuts={() => undefined} onSignOut={() => undefined} />);
    expect(html).toContain('未加密連線');
    expect(html).toContain('同一個網路上的人可能看到權杖與對話內容');
    expect(html).toContain('權杖未加密');
    const safe = render(
      <TopBar session={{ ...signedIn, transport: 'https', tokenStorage: 'os_encrypted' }} sync={null} onShowShortcuts={() => undefined} onSignOut={() => undefined} />,
    );
    expect(safe).not.toContain('未加密');
  });

  it('the connect screen notes an unencrypted token, and a saved http address it would not reconnect to', () => {
    const html = render(
      <ConnectScreen
        session={{ state: 'signed_out', demoAvailable: false, tokenStorage: 'owner_only_file', refusedRelayUrl: 'http://relay.shop.tw:8787' }}
        onSignedIn={() => undefined}
      />,
    );
    expect(html).toContain('這台電腦上的權杖沒有加密');
    expect(html).toContain('上次儲存的中繼伺服器 http://relay.shop.tw:8787 使用未加密的 http://');
    // The refused address is filled in, with the live note telling the https address to use.
    expect(html).toContain('請改用 https://relay.shop.tw:8787');
  });
});
