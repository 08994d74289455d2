import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level, so the same payload always gives the same text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What a mutation id is bound to: its type and its validated payload (unknown fields already stripped). */
export function mutationPayloadHash(type: string, payload: unknown): string {
  return createHash('sha256').update(canonicalJson({ type, payload }), 'utf8').digest('hex');
}
