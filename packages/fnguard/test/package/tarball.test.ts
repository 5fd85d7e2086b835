/** The tarball users install: what package.json promises is in it, and nothing that is not for them. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ES module shared by both packages' tests
import { tarball } from '../../../../scripts/packed-files.mjs';

const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));
const built = existsSync(new URL('../../dist/bundle/cli.js', import.meta.url));

describe.skipIf(!built)('fnguard tarball', () => {
  const { files, promised, missing, unwanted } = tarball(PACKAGE_DIR) as Record<'files' | 'promised' | 'missing' | 'unwanted', string[]>;

  it('holds every file package.json points at: the bin, main and types', () => {
    expect(promised).toEqual(expect.arrayContaining(['bin/fnguard.js', 'dist/bundle/index.js', 'dist/index.d.ts']));
    expect(missing).toEqual([]);
  });

  it('holds what the bundle loads at run time: its entries, the worker, the yaml copy, the IAM catalogue and the SAM policy templates', () => {
    expect(files).toEqual(expect.arrayContaining(['dist/bundle/cli.js', 'dist/bundle/worker.js', 'dist/bundle/yaml.cjs', 'data/sam-policy-templates.json', 'data/NOTICE']));
    expect(files.some((file) => file.startsWith('dist/data/iam-catalogue/'))).toBe(true);
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json']));
  });

  it('leaves out tests, sources and build state', () => {
    expect(unwanted).toEqual([]);
  });
});
