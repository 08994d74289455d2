import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The folder a file lives in says what runtime it may use and what it may import (docs/architecture.md).
const ROOT = resolve(__dirname, '..', '..', '..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx|mts|mjs|js)$/.test(name)) out.push(path);
  }
  return out;
}

const IMPORT = /(?:from\s+|import\s*\(\s*|require\(\s*|^import\s+)(['"])([^'"]+)\1/gm;

/** Every import of a file as [specifier, repository-relative target or null for packages]. */
function importsOf(file: string): Array<{ specifier: string; target: string | null }> {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((match) => {
    const specifier = match[2]!;
    const target = specifier.startsWith('.') ? relative(ROOT, resolve(dirname(file), specifier)) : null;
    return { specifier, target };
  });
}

function violations(dirs: string[], isBad: (imp: { specifier: string; target: string | null }) => boolean): string[] {
  return dirs.flatMap((dir) =>
    sourceFiles(join(ROOT, dir)).flatMap((file) =>
      importsOf(file)
        .filter(isBad)
        .map((imp) => `${relative(ROOT, file)} imports ${imp.specifier}`),
    ),
  );
}

describe('layering', () => {
  it('nothing under src/ or scripts/ imports from tests/', () => {
    expect(violations(['src', 'scripts'], (imp) => imp.target?.startsWith('tests') ?? false)).toEqual([]);
  });

  it('src/shared is pure TypeScript: no node:, electron or imports from other layers', () => {
    expect(
      violations(['src/shared'], (imp) =>
        imp.target === null
          ? imp.specifier.startsWith('node:') || imp.specifier === 'electron'
          : !imp.target.startsWith('src/shared'),
      ),
    ).toEqual([]);
  });

  it('only src/main/electron and src/preload import electron', () => {
    expect(
      violations(['src/shared', 'src/relay', 'src/demo', 'src/main/core', 'src/main/browser-host', 'src/main/host-common', 'src/renderer'], (imp) =>
        imp.specifier === 'electron',
      ),
    ).toEqual([]);
  });

  it('the two hosts do not import each other; what they share lives in src/main/host-common', () => {
    expect(violations(['src/main/electron'], (imp) => imp.target?.startsWith('src/main/browser-host') ?? false)).toEqual([]);
    expect(violations(['src/main/browser-host'], (imp) => imp.target?.startsWith('src/main/electron') ?? false)).toEqual([]);
  });

  it('the relay and the desktop core do not import each other, and the renderer imports neither', () => {
    expect(violations(['src/relay'], (imp) => imp.target?.startsWith('src/main') ?? false)).toEqual([]);
    expect(violations(['src/main'], (imp) => imp.target?.startsWith('src/relay') ?? false)).toEqual([]);
    expect(
      violations(['src/renderer'], (imp) => (imp.target ? !/^src\/(renderer|shared)/.test(imp.target) : false)),
    ).toEqual([]);
  });
});

describe('npm scripts', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

  it.each(Object.entries(pkg.scripts))('%s names only files that exist', (_name, command) => {
    const files = [...command.matchAll(/(?:tsx|node)\s+((?:scripts|src)\/[^\s]+)/g)].map((m) => m[1]!);
    for (const file of files) expect(existsSync(join(ROOT, file)), `${file} (from "${command}")`).toBe(true);
  });
});
