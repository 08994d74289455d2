import { describe, expect, it } from 'vitest';
import { SIMPLIFIED_CHARACTERS } from '../../../src/shared/suggestions/simplified-characters';
import { simplifiedCharactersOfOpenCC } from '../../../src/shared/suggestions/simplified-character-scan';
import { foldScript } from '../../../src/shared/suggestions/normalize';

describe('the generated list of Simplified characters', () => {
  it('is exactly what the installed OpenCC changes (run scripts/generate-simplified-characters.ts after an upgrade)', () => {
    expect(SIMPLIFIED_CHARACTERS).toBe(simplifiedCharactersOfOpenCC());
  }, 60_000);

  it('decides when a message is converted: Simplified is, Traditional stays as written', () => {
    expect(foldScript('请问运费多少')).toBe('請問運費多少');
    expect(foldScript('請問運費多少？')).toBe('請問運費多少?');
  });
});
