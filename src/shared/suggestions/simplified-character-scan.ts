import { toTaiwanTraditional } from './chinese-convert';

/** The CJK blocks a customer's Chinese comes from: Unified Ideographs, Extension A, Compatibility Ideographs. */
const CJK_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xf900, 0xfaff],
];

/** Every character of those blocks that OpenCC's cn → tw conversion changes on its own, in code-point order. */
export function simplifiedCharactersOfOpenCC(): string {
  let out = '';
  for (const [from, to] of CJK_RANGES) {
    for (let code = from; code <= to; code += 1) {
      const ch = String.fromCodePoint(code);
      if (toTaiwanTraditional(ch) !== ch) out += ch;
    }
  }
  return out;
}
