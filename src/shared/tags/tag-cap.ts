/** LINE OA Manager and WACA cap manual tags at 10 per friend; shops are used to it. */
export const MAX_TAGS_PER_FRIEND = 10;

export type TagCapDecision =
  /** The friend already has this tag: adding it changes nothing and never counts against the cap. */
  | { allowed: true; alreadyPresent: true; count: number }
  | { allowed: true; alreadyPresent: false; count: number }
  | { allowed: false; count: number; message: string };

/**
 * THE cap check. The relay (the authority), the desktop store (optimistic adds, offline) and the
 * renderer's counter all ask this one function, so they can never disagree about what fits.
 * `currentKeys` are the friend's tag keys (see tagKey); `addKey` the key of the tag being added.
 */
export function checkTagCap(currentKeys: readonly string[], addKey: string, addName: string = addKey): TagCapDecision {
  const count = new Set(currentKeys).size;
  if (currentKeys.includes(addKey)) return { allowed: true, alreadyPresent: true, count };
  if (count >= MAX_TAGS_PER_FRIEND) {
    return {
      allowed: false,
      count,
      message: `Cannot add "${addName}": this friend already has ${count} of ${MAX_TAGS_PER_FRIEND} tags`,
    };
  }
  return { allowed: true, alreadyPresent: false, count };
}
