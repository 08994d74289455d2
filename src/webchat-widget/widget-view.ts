import type { LogEntry } from './message-log';
import type { WidgetLanguage, WidgetTranslate } from './i18n';
import { WIDGET_CSS } from './widget-styles';

/**
 * The launcher and the panel, in a shadow root on a host element of our own. Every text from a message or
 * the relay is set with textContent, never parsed as HTML.
 */

export interface ViewCallbacks {
  opened(): void;
  /** The visitor pressed Enter or the send button; the view clears the text box itself. */
  submitted(text: string): void;
  /** The visitor picked, pasted or dropped a photo or file to send. */
  attached(file: File): void;
}

export interface WidgetView {
  isOpen(): boolean;
  open(): void;
  close(): void;
  showMessages(entries: readonly LogEntry[]): void;
  setUnread(unread: boolean): void;
  setStatus(text: string): void;
  setError(text: string): void;
  /** Puts text back into the box (a message that could not be sent), unless the visitor typed meanwhile. */
  restoreDraft(text: string): void;
}

type Attributes = Record<string, string>;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, children: Array<Node | string> = []): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) element.append(child);
  return element;
}

function icon(d: string): SVGSVGElement {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', d);
  svg.append(path);
  return svg;
}
const CHAT_ICON = 'M12 3C6.5 3 2 6.8 2 11.5c0 2.6 1.4 4.9 3.6 6.5L5 21.5l4-2.1c.9.2 1.9.3 3 .3 5.5 0 10-3.8 10-8.5S17.5 3 12 3z';
const PAPERCLIP_ICON =
  'M16.5 6.5v10a4.5 4.5 0 0 1-9 0V5a3 3 0 0 1 6 0v10.5a1.5 1.5 0 0 1-3 0V6.5H9v9a3 3 0 0 0 6 0V5a4.5 4.5 0 0 0-9 0v11.5a6 6 0 0 0 12 0v-10z';

/** The first file of a paste or drop, if it carried one. */
function firstFile(list: FileList | null | undefined): File | null {
  return list && list.length > 0 ? list[0]! : null;
}

export function createWidgetView(
  t: WidgetTranslate,
  language: WidgetLanguage,
  callbacks: ViewCallbacks,
  /** The relay's URL of a path (attachments are served by the relay that served the widget). */
  relayUrl: (path: string) => string = (path) => path,
): WidgetView {
  const host = document.createElement('shop-inbox-chat');
  // Inline !important beats any rule of the shop's stylesheet that might match our host element.
  host.setAttribute('style', 'all: initial !important; display: block !important; position: fixed !important; width: 0 !important; height: 0 !important; z-index: 2147483000 !important;');
  const shadow = host.attachShadow({ mode: 'open' });
  const timeFormat = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' });
  const dayFormat = new Intl.DateTimeFormat(language, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });

  const dot = el('span', { class: 'dot', 'aria-hidden': 'true' });
  const launcher = el('button', { type: 'button', class: 'launcher', 'aria-label': t('launcher'), 'aria-expanded': 'false', 'aria-controls': 'sic-panel' }, [icon(CHAT_ICON), dot]);
  const status = el('span', { class: 'status', role: 'status' });
  const close = el('button', { type: 'button', class: 'close', 'aria-label': t('close') }, ['×']);
  const log = el('ol', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': t('log'), tabindex: '0' });
  const error = el('p', { class: 'error', role: 'alert' });
  const input = el('textarea', { class: 'input', rows: '1', 'aria-label': t('input'), placeholder: t('placeholder'), maxlength: '5000' });
  const send = el('button', { type: 'submit', class: 'send' }, [t('send')]);
  // A real button opens the file picker (keyboard: Tab to it, Enter or Space); the input itself stays hidden.
  const picker = el('input', { type: 'file', class: 'picker', tabindex: '-1', 'aria-hidden': 'true' });
  const attach = el('button', { type: 'button', class: 'attach', 'aria-label': t('attach'), title: t('attach') }, [icon(PAPERCLIP_ICON)]);
  const composer = el('form', { class: 'composer' }, [attach, picker, input, send]);
  const header = el('div', { class: 'header' }, [el('div', { class: 'heading' }, [el('span', { class: 'title' }, [t('title')]), status]), close]);
  const panel = el('section', { id: 'sic-panel', class: 'panel', role: 'dialog', 'aria-label': t('panel'), hidden: '' }, [header, log, error, composer]);
  const root = el('div', { class: 'root', lang: language }, [launcher, panel]);
  shadow.append(el('style', {}, [WIDGET_CSS]), root);
  document.body.append(host);

  let unread = false;
  const isOpen = () => !panel.hidden;
  const updateLauncher = () => {
    launcher.setAttribute('aria-expanded', String(isOpen()));
    launcher.setAttribute('aria-label', unread && !isOpen() ? t('launcherUnread') : t('launcher'));
    launcher.toggleAttribute('data-unread', unread);
  };

  const view: WidgetView = {
    isOpen,
    open() {
      if (!isOpen()) {
        panel.hidden = false;
        root.setAttribute('data-open', '');
        log.scrollTop = log.scrollHeight;
        updateLauncher();
        callbacks.opened();
      }
      input.focus();
    },
    close() {
      if (!isOpen()) return;
      const hadFocus = shadow.activeElement !== null;
      panel.hidden = true;
      root.removeAttribute('data-open');
      updateLauncher();
      if (hadFocus) launcher.focus();
    },
    showMessages(entries) {
      const nearBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 60;
      const today = new Date().toDateString();
      const items = entries.map((entry) => {
        const when = new Date(entry.at);
        const time = when.toDateString() === today ? timeFormat.format(when) : dayFormat.format(when);
        const meta = entry.state === 'sending' ? t('sending') : entry.state === 'failed' ? t('failed') : time;
        const item = el('li', { class: `msg ${entry.from} ${entry.state}`, 'data-key': entry.key });
        // The author for screen readers; sighted visitors see it from the side the bubble is on.
        const who = el('span', { class: 'sr' });
        who.textContent = `${entry.from === 'agent' ? t('agent') : t('you')}: `;
        const text = el('span', { class: 'text' });
        text.textContent = entry.text;
        const attachment = entry.attachment;
        if (attachment?.kind === 'image') {
          // The photo instead of its stand-in text; a click opens it full size in a new tab.
          const link = el('a', { class: 'photo', href: relayUrl(attachment.path), target: '_blank', rel: 'noopener noreferrer' });
          const image = el('img', { src: relayUrl(attachment.path), alt: entry.from === 'agent' ? t('photo') : t('photoYours'), loading: 'lazy' });
          link.append(image);
          text.replaceChildren(link);
        } else if (attachment?.kind === 'file') {
          const link = el('a', { class: 'file', href: relayUrl(attachment.path), download: attachment.name, rel: 'noopener noreferrer' });
          link.textContent = `↓ ${attachment.name}`;
          link.setAttribute('aria-label', t('download', { name: attachment.name }));
          text.replaceChildren(link);
        }
        const metaElement = el('span', { class: 'meta' });
        metaElement.textContent = meta;
        item.append(who, text, metaElement);
        return item;
      });
      if (items.length === 0) {
        const empty = el('li', { class: 'empty' });
        empty.textContent = t('empty');
        items.push(empty);
      }
      log.replaceChildren(...items);
      if (nearBottom || entries[entries.length - 1]?.from === 'visitor') log.scrollTop = log.scrollHeight;
    },
    setUnread(value) {
      unread = value;
      updateLauncher();
    },
    setStatus(text) {
      status.textContent = text;
    },
    setError(text) {
      error.textContent = text;
    },
    restoreDraft(text) {
      if (input.value.trim() === '') input.value = text;
    },
  };

  launcher.addEventListener('click', () => (isOpen() ? view.close() : view.open()));
  close.addEventListener('click', () => view.close());
  root.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && isOpen()) {
      event.stopPropagation();
      view.close();
    }
  });
  const submit = () => {
    const text = input.value;
    if (text.trim() === '') return;
    input.value = '';
    callbacks.submitted(text);
  };
  composer.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
    input.focus();
  });
  input.addEventListener('keydown', (event) => {
    // Enter while an IME composes (注音, 倉頡) picks a character; it must not send.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      submit();
    }
  });
  const take = (file: File | null) => {
    if (file) callbacks.attached(file);
  };
  attach.addEventListener('click', () => picker.click());
  picker.addEventListener('change', () => {
    take(firstFile(picker.files));
    picker.value = '';
    input.focus();
  });
  // A pasted screenshot or a file dropped on the panel is sent like a picked one.
  input.addEventListener('paste', (event) => {
    const file = firstFile(event.clipboardData?.files);
    if (!file) return;
    event.preventDefault();
    take(file);
  });
  panel.addEventListener('dragover', (event) => {
    if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
  });
  panel.addEventListener('drop', (event) => {
    const file = firstFile(event.dataTransfer?.files);
    if (!file) return;
    event.preventDefault();
    take(file);
  });
  view.showMessages([]);
  return view;
}
