/**
 * A stable colour per tag name (same tag, same colour on every machine), picked from a palette that
 * stays readable as dark text on a light chip. The key (lower-case) is hashed so "VIP" and "vip" match.
 */
const PALETTE = [
  { bg: '#e8f8ef', fg: '#037a33', dot: '#06c755' },
  { bg: '#e9f1fd', fg: '#1a4f9c', dot: '#3b7ddd' },
  { bg: '#f3ebfb', fg: '#6a2fa0', dot: '#9b5ad6' },
  { bg: '#fff3dc', fg: '#8a4f00', dot: '#e39a1c' },
  { bg: '#fdecec', fg: '#a82424', dot: '#e0524f' },
  { bg: '#e6f6f7', fg: '#0d6b73', dot: '#1fa5b0' },
  { bg: '#fdeef6', fg: '#9c2762', dot: '#d9579a' },
  { bg: '#eef0f3', fg: '#3d4752', dot: '#7d8894' },
] as const;

export type TagColour = (typeof PALETTE)[number];

export function tagColour(name: string): TagColour {
  let hash = 2166136261;
  for (const character of name.toLowerCase()) {
    hash ^= character.codePointAt(0)!;
    hash = Math.imul(hash, 16777619);
  }
  return PALETTE[Math.abs(hash) % PALETTE.length]!;
}
