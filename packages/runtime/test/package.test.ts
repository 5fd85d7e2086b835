/** The tarball users install: what package.json promises is in it, and nothing that is not for them. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ES module shared by both packages' tests
import { tarball } from '../../../scripts/packed-files.mjs';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const built = existsSync(new URL('../dist/bundle/index.js', import.meta.url));

describe.skipIf(!built)('@fnguard/runtime tarball', () => {
  const { files, promised, missing, unwanted } = tarball(PACKAGE_DIR) as Record<'files' | 'promised' | 'missing' | 'unwanted', string[]>;

  it('holds every file package.json points at: main, types and each subpath export', () => {
    expect(promised).toContain('dist/bundle/inspect.js');
    expect(promised).toContain('dist/auth/index.d.ts');
    expect(missing).toEqual([]);
  });

  it('holds the bundle chunks the entries import, the licence and the README', () => {
    expect(files.some((file) => /^dist\/bundle\/chunks\/chunk-\w+\.js$/.test(file))).toBe(true);
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json']));
  });

  it('leaves out tests, sources and build state', () => {
    expect(unwanted).toEqual([]);
  });
});
