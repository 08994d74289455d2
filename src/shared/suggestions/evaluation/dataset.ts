import { z } from 'zod';

/** One labelled customer message: the rule ids that would be a right answer (empty = nothing fits). */
export const LabelledMessageSchema = z.object({
  text: z.string(),
  expected: z.array(z.string().min(1)),
});

export type LabelledMessage = z.infer<typeof LabelledMessageSchema>;

/** Parses a JSONL evaluation set, naming the line of any bad entry. */
export function parseLabelledMessages(jsonl: string): LabelledMessage[] {
  return parseJsonLines(LabelledMessageSchema, jsonl);
}

/** Parses JSON lines, each checked against `schema`; an error names the line. */
export function parseJsonLines<T>(schema: z.ZodType<T>, jsonl: string): T[] {
  const out: T[] = [];
  jsonl.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch (error) {
      throw new Error(`line ${index + 1}: not JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw new Error(`line ${index + 1}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    out.push(parsed.data);
  });
  return out;
}
