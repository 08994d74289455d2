import type { KeyPlatform } from '../../shared/desktop/shortcuts';

/** ⌘ and ⌥ on a Mac, Ctrl and Alt elsewhere (the browser host runs on any system). */
export function keyPlatform(): KeyPlatform {
  const agent = typeof navigator === 'undefined' ? '' : navigator.userAgent;
  return /Mac|iPhone|iPad/.test(agent) ? 'mac' : 'other';
}
