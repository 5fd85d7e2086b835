/**
 * Loads every application of the shared corpus of real public projects: none may throw, and
 * every SAM template and serverless.yml found must come back as an App (possibly with warnings).
 * Skipped when the corpus is not on this machine.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { discover, scanDirectory } from '../../src/loaders/index.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const CORPUS = path.resolve(REPO, '..', 'shared', 'corpus');

describe.skipIf(!existsSync(CORPUS))('corpus', () => {
  it('loads every discovered app without an exception', async () => {
    const discovery = await discover(CORPUS);
    const started = performance.now();
    const result = await scanDirectory(CORPUS);
    const elapsed = Math.round(performance.now() - started);

    const loaded = new Set(result.apps.map((app) => app.path));
    const missing = discovery.candidates.filter((candidate) => !loaded.has(candidate.path)).map((c) => c.path);
    expect(missing).toEqual([]);
    expect(result.apps.length).toBe(discovery.candidates.length);

    const failures = [...result.warnings, ...result.apps.flatMap((app) => app.warnings)].filter((w) => w.code === 'load-failed');
    expect(failures).toEqual([]);
    // Both optional loaders must be wired in: their absence is a warning, which would hide here.
    const unavailable = result.apps.flatMap((app) => app.warnings).filter((w) => w.code === 'sam-unavailable' || w.code === 'serverless-unavailable');
    expect(unavailable.map((w) => w.message).slice(0, 3)).toEqual([]);

    // The corpus is mostly SAM and serverless.yml; an empty load would mean discovery broke.
    const sam = result.apps.filter((app) => app.framework === 'sam');
    expect(sam.length).toBeGreaterThan(300);
    expect(result.apps.filter((app) => app.framework === 'serverless').length).toBeGreaterThan(150);
    for (const app of result.apps) {
      expect(app.path).not.toMatch(/^\.\.|^\//);
      for (const warning of app.warnings) expect(warning.location?.file ?? app.path).not.toMatch(/^\.\.|^\//);
    }

    const clean = result.apps.filter((app) => app.warnings.length === 0).length;
    const functions = result.apps.reduce((sum, app) => sum + app.functions.length, 0);
    const codes = new Map<string, number>();
    for (const warning of [...result.warnings, ...result.apps.flatMap((app) => app.warnings)]) codes.set(warning.code, (codes.get(warning.code) ?? 0) + 1);
    console.log(
      `corpus: ${result.apps.length} apps (${clean} clean, ${result.apps.length - clean} with warnings), ${functions} functions, ` +
      `${result.warnings.length} scan warnings, ${elapsed} ms; warning codes: ${JSON.stringify(Object.fromEntries(codes))}`,
    );
  }, 120_000);
});
