import { describe, expect, it } from 'vitest';
import { parseRulesFile } from '../../../src/shared/suggestions/rules-schema';

const rule = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 'shipping-fee',
  title: '運費',
  keywords: ['運費'],
  examples: ['運費怎麼算'],
  reply: '運費 60 元',
  ...over,
});

describe('parseRulesFile', () => {
  it('accepts a valid file (with a UTF-8 BOM) and keeps autoSend', () => {
    const result = parseRulesFile(`\uFEFF${JSON.stringify({ rules: [rule({ autoSend: true }), rule({ id: 'b' })] })}`);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.rules.map((r) => [r.id, r.autoSend])).toEqual([['shipping-fee', true], ['b', undefined]]);
  });

  it('names the rule (index and id) and the field of every problem', () => {
    const result = parseRulesFile(
      JSON.stringify({ rules: [rule(), rule({ id: 'returns', keywords: ['退貨', ''], title: ' ' }), rule({ id: 'x', examples: 'no' })] }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.path, e.ruleId])).toEqual([
      ['rules[1].title', 'returns'],
      ['rules[1].keywords[1]', 'returns'],
      ['rules[2].examples', 'x'],
    ]);
    expect(result.errors[1]?.message).toBe('rules[1].keywords[1] (rule "returns"): keyword must be a non-empty string');
  });

  it('reports duplicate ids with the earlier index', () => {
    const result = parseRulesFile(JSON.stringify({ rules: [rule(), rule({ reply: '' })] }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.message)).toEqual([
      'rules[1].reply (rule "shipping-fee"): reply must be a non-empty string',
      'rules[1].id (rule "shipping-fee"): duplicate id, already used by rules[0]',
    ]);
  });

  it('reports bad JSON with line and column', () => {
    const result = parseRulesFile('{"rules": [\n  {"id": "a",,}\n]}');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.message).toBe('invalid JSON at line 2, column 14: Expected double-quoted property name');
  });

  it('rejects a file without a rules array', () => {
    const result = parseRulesFile('{"rule": []}');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]?.path).toBe('rules');
  });
});
