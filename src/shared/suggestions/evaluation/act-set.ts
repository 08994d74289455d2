import { z } from 'zod';
import { readDialogueAct, readingAsksShop } from '../dialogue-acts';
import { parseJsonLines } from './dataset';

/**
 * One message of the dialogue-act set: whether it asks the shop for something, and what kind of message it
 * is (thanks, plan, praise, spam … or problem, request, topic, question). Shop-neutral: the same set is read
 * by every shop's engine.
 */
export const ActMessageSchema = z.object({ text: z.string().min(1), needsReply: z.boolean(), kind: z.string().min(1) });
export type ActMessage = z.infer<typeof ActMessageSchema>;

export function parseActMessages(jsonl: string): ActMessage[] {
  return parseJsonLines(ActMessageSchema, jsonl);
}

/** The set's two halves: even lines were read while writing cues, odd lines are held out (misses never listed). */
export function actSetHalf(messages: readonly ActMessage[], half: 'tuning' | 'held-out'): ActMessage[] {
  return messages.filter((_message, index) => (index % 2 === 0) === (half === 'tuning'));
}

export interface ActReport {
  /** Share read right: needing a reply or not. */
  readonly accuracy: number;
  /** Share of the messages needing a reply that were read so (a question, request, complaint, or unread). */
  readonly needsReplyRecall: number;
  /** Share of the messages needing no reply that were read so. */
  readonly noReplyRecall: number;
  readonly misses: readonly ActMessage[];
}

/** Whether the engine would answer: an act that asks, or a statement no cue reads. */
export function readAsNeedingReply(text: string): boolean {
  return readingAsksShop(readDialogueAct(text));
}

export function measureActs(messages: readonly ActMessage[]): ActReport {
  const misses = messages.filter((message) => readAsNeedingReply(message.text) !== message.needsReply);
  const share = (wanted: boolean) => {
    const all = messages.filter((m) => m.needsReply === wanted);
    return all.length === 0 ? 1 : all.filter((m) => !misses.includes(m)).length / all.length;
  };
  return { accuracy: 1 - misses.length / Math.max(1, messages.length), needsReplyRecall: share(true), noReplyRecall: share(false), misses };
}
