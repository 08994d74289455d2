/** Character bigrams of a text without spaces (Chinese has no words to compare). */
function bigrams(text: string): Set<string> {
  const chars = [...text.replace(/\s+/g, '')];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i += 1) out.add(`${chars[i]}${chars[i + 1]}`);
  return out;
}

/** At least this share of the reply's bigrams must survive the agent's edits for it to count as the rule's answer. */
const KEPT_SHARE = 0.5;

/**
 * What sending `sent` says about an inserted suggestion's `reply`: sent as is (`accepted`), changed but
 * still mostly the reply (`edited`), or replaced by the agent's own answer (null: it teaches nothing).
 */
export function feedbackVerdictFor(sent: string, reply: string): 'accepted' | 'edited' | null {
  if (sent.trim() === reply.trim()) return 'accepted';
  const wanted = bigrams(reply);
  if (wanted.size === 0) return null;
  const have = bigrams(sent);
  let kept = 0;
  for (const gram of wanted) if (have.has(gram)) kept += 1;
  return kept / wanted.size >= KEPT_SHARE ? 'edited' : null;
}
