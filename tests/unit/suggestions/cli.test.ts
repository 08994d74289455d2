import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');
const rulesFile = path.join(root, 'resources/demo/rules.json');
const scratch = mkdtempSync(path.join(tmpdir(), 'suggest-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runCli(args: string[], stdin: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'src/relay/cli/suggest.ts', ...args], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const lines = (text: string): string[] => text.split('\n').filter((l) => l !== '');

describe('suggest CLI', { timeout: 60_000 }, () => {
  it('prints one line per message, skips blank lines, handles a BOM and CRLF, and flags bad lines', async () => {
    const input = '\uFEFF{"text":"請問運費多少"}\r\n\r\n{"text":"你好"}\r\nnot json\r\n{"text":42}\n{"text":"可以用LINE Pay嗎"}\n';
    const run = await runCli(['--rules', rulesFile], input);
    expect(run.code).toBe(1);
    const out = lines(run.stdout).map((l) => JSON.parse(l) as { suggestions: Array<Record<string, unknown>>; error?: string });
    expect(out).toHaveLength(5);
    expect(out[0]?.suggestions[0]).toMatchObject({ ruleId: 'shipping-fee' });
    expect(Object.keys(out[0]?.suggestions[0] ?? {}).sort()).toEqual(['matchedBy', 'ruleId', 'score']);
    expect(out[1]).toEqual({ suggestions: [] });
    expect(out[2]?.suggestions).toEqual([]);
    expect(out[2]?.error).toMatch(/^line 4: not valid JSON/);
    expect(out[3]?.error).toBe('line 5: missing string field "text"');
    expect(out[4]?.suggestions[0]).toMatchObject({ ruleId: 'payment-methods' });
    expect(run.stderr).toContain('line 4: not valid JSON');
    expect(run.stderr).toContain('line 5: missing string field "text"');
  });

  it('exits 0 when every line is fine', async () => {
    const run = await runCli([`--rules=${rulesFile}`], '{"text":"有尺寸表嗎"}\n{"text":"謝謝"}\n');
    expect(run.code).toBe(0);
    expect(lines(run.stdout)).toHaveLength(2);
    expect(run.stderr).not.toContain('suggest:');
  });

  it('prints usage and exits 2 without --rules', async () => {
    const run = await runCli([], '');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('missing --rules FILE');
    expect(run.stderr).toContain('Usage:');
    expect(run.stdout).toBe('');
  });

  it('lists every rules-file error by rule and field and exits 2', async () => {
    const bad = path.join(scratch, 'bad-rules.json');
    writeFileSync(bad, JSON.stringify({ rules: [{ id: 'a', title: '', keywords: ['x', ''], examples: [], reply: 'r' }] }));
    const run = await runCli(['--rules', bad], '{"text":"運費"}\n');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('rules[0].title (rule "a")');
    expect(run.stderr).toContain('rules[0].keywords[1] (rule "a")');
    expect(run.stdout).toBe('');
  });
});
