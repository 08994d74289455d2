import type { DesktopCommand } from '../../shared/desktop/desktop-channels';
import type { DesktopShell } from './desktop-shell';
import { faviconDataUrl, titleWithUnread } from './unread-badge';

/**
 * The desktop shell of the browser host: the Web Notifications API (one per tag: a newer one replaces it),
 * the unread count in the title and a favicon dot, and a short chime made with Web Audio (no sound file).
 */
export function createBrowserShell(window: Window & typeof globalThis, document: Document): DesktopShell {
  const listeners = new Set<(command: DesktopCommand) => void>();
  const shown = new Map<string, Notification>();
  let lastUnread = -1;
  const emit = (command: DesktopCommand) => listeners.forEach((listener) => listener(command));
  const supported = () => typeof window.Notification === 'function';

  function setFavicon(unread: boolean): void {
    const url = faviconDataUrl(document, unread);
    if (!url) return;
    let link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
    if (!link) {
      link = document.createElement('link');
      link.rel = 'icon';
      document.head.append(link);
    }
    link.href = url;
    link.dataset.unread = unread ? 'true' : 'false';
  }

  function chime(): void {
    const AudioContextClass = window.AudioContext;
    if (!AudioContextClass) return;
    try {
      const audio = new AudioContextClass();
      const gain = audio.createGain();
      gain.connect(audio.destination);
      gain.gain.setValueAtTime(0.0001, audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.2, audio.currentTime + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + 0.45);
      for (const [frequency, start] of [[880, 0], [1320, 0.12]] as const) {
        const tone = audio.createOscillator();
        tone.frequency.value = frequency;
        tone.connect(gain);
        tone.start(audio.currentTime + start);
        tone.stop(audio.currentTime + start + 0.3);
      }
      window.setTimeout(() => void audio.close(), 800);
    } catch {
      // Audio blocked until the page was used once: the notification itself still shows.
    }
  }

  window.addEventListener('focus', () => emit({ type: 'windowFocused' }));

  return {
    kind: 'browser',
    notify(notification) {
      if (!supported() || window.Notification.permission !== 'granted') return;
      shown.get(notification.tag)?.close();
      const note = new window.Notification(notification.title, { body: notification.body, tag: notification.tag, silent: true });
      note.onclick = () => {
        window.focus();
        note.close();
        emit({ type: 'openConversation', conversationId: notification.conversationId });
      };
      note.onclose = () => {
        if (shown.get(notification.tag) === note) shown.delete(notification.tag);
      };
      shown.set(notification.tag, note);
      if (notification.sound) chime();
    },
    closeNotification(tag) {
      shown.get(tag)?.close();
      shown.delete(tag);
    },
    setUnreadCount(count) {
      document.title = titleWithUnread(document.title, count);
      if ((count > 0) !== (lastUnread > 0) || lastUnread < 0) setFavicon(count > 0);
      lastUnread = count;
    },
    setAvailability: () => undefined,
    setLanguage: () => undefined,
    setBusy: () => undefined,
    restartToUpdate: () => undefined,
    startAtLogin: null,
    notificationPermission: () => (supported() ? window.Notification.permission : 'unsupported'),
    async requestNotificationPermission() {
      if (!supported()) return 'unsupported';
      return window.Notification.requestPermission();
    },
    onCommand(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
