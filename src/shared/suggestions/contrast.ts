import { foldScript } from './normalize';

/**
 * "不是尺寸的問題，是顏色寄錯" / "不要取消，只是要改地址" / "not a refund, I want an exchange": the customer
 * names a neighbouring topic only to rule it out. Each pattern captures the denied part and the part the
 * message is really about.
 */
const CONTRAST_PATTERNS: readonly RegExp[] = [
  /(?:^|[\s,，。!！])(?:我)?(?:並|也)?(?:不是|不要|不想|不用|沒有要|沒要|並非|不需要)(?<denied>[^,，。!！?？]{1,16}?)(?:的問題|的事|問題|啦|喔|哦|了)?[\s,，。!！]*(?:而是|我是|是要|是想|是|只是|只有|單純|純粹|我要|我想|要|想|(?=可以|能|改|換))(?<focus>.+)$/,
  /(?:^|[\s,，。!！])(?<denied>[^,，。!！?？]{1,16}?)(?:沒有?問題|沒事|ok|都好|不用)[\s,，。!！]*(?:但是|可是|不過|只是|是)(?<focus>.+)$/,
  /\b(?:not|no|don't want|do not want|isn't about|it's not)(?:\s+(?:a|the|about|my|to))?\s+(?<denied>[a-z ]{2,30}?)[\s,;.]+(?:but|i want|i need|i'd like|it's|just|only)\s+(?<focus>.+)$/,
];

export interface ContrastSplit {
  /** What the message is really about. */
  readonly focus: string;
  /** The topic ruled out, or null when the message draws no contrast. */
  readonly denied: string | null;
}

/** Splits off a ruled-out neighbour; a message without contrast is all focus. */
export function splitContrast(text: string): ContrastSplit {
  const folded = foldScript(text);
  for (const pattern of CONTRAST_PATTERNS) {
    const match = pattern.exec(folded);
    const focus = match?.groups?.focus?.trim();
    const denied = match?.groups?.denied?.trim();
    // A focus of one or two characters ("是嗎") is no topic: keep the whole message.
    if (focus !== undefined && denied !== undefined && [...focus.replace(/[\s\p{P}]/gu, '')].length >= 2) return { focus, denied };
  }
  return { focus: text, denied: null };
}
