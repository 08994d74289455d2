import { Converter } from 'opencc-js/cn2t';

type Convert = (text: string) => string;

let simplifiedToTaiwan: Convert | null = null;

/**
 * Simplified → Taiwan Traditional (OpenCC "cn → tw"). The dictionaries take a few hundred milliseconds to
 * load, so the converter is built on first use and then shared. Phrase-level "twp" is not used on purpose:
 * it rewrites vocabulary (软件 → 軟體) which would also rewrite rule text unpredictably; the chat-variant
 * table handles the few words that matter here.
 */
export function toTaiwanTraditional(text: string): string {
  simplifiedToTaiwan ??= Converter({ from: 'cn', to: 'tw' });
  return simplifiedToTaiwan(text);
}
