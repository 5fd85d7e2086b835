/**
 * Conformance with the Serverless Framework: the loader's model of every corpus serverless.yml
 * is compared with what `sls package` generated for it (facts recorded offline by
 * scripts/record-serverless-oracle.mjs into serverless-oracle/). Skipped without ../shared.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadServerlessApp } from '../../src/loaders/serverless/index.js';
import { compareApp, emptyComparison, mergeComparison } from './serverless-compare.js';
import type { OracleFacts } from './serverless-compare.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const corpus = path.resolve(here, '../../../../../shared/corpus');
const oracleDir = path.join(here, 'serverless-oracle');
const REQUIRED_AGREEMENT = 0.95;

function recorded(): OracleFacts[] {
  if (!existsSync(oracleDir)) return [];
  return readdirSync(oracleDir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(path.join(oracleDir, name), 'utf8')) as OracleFacts);
}

describe.skipIf(!existsSync(corpus))('serverless.yml conformance with the Serverless Framework', () => {
  it(`agrees with sls package on at least ${REQUIRED_AGREEMENT * 100}% of the recorded facts`, async () => {
    const all = recorded();
    const facts = all.filter((f) => f.status === 'ok');
    const status = (wanted: OracleFacts['status']) => all.filter((f) => f.status === wanted).length;
    console.log(`serverless oracle recordings: ${all.length} services, ${facts.length} packaged, ${status('skipped')} skipped (uninstalled plugins, other providers), ${status('error')} failed in the Framework itself`);
    expect(facts.length).toBeGreaterThan(0);
    const total = emptyComparison();
    const perService: string[] = [];
    for (const fact of facts) {
      const file = path.join(corpus, fact.file);
      if (!existsSync(file)) continue;
      const readFile = async (rel: string) => {
        const full = path.join(corpus, rel);
        return existsSync(full) ? readFileSync(full, 'utf8') : undefined;
      };
      const app = await loadServerlessApp(corpus, fact.file, readFileSync(file, 'utf8'), { stage: 'dev', region: 'us-east-1', readFile });
      const result = compareApp(app, fact);
      if (result.agree < result.total) perService.push(`${fact.file}: ${result.agree}/${result.total}`);
      mergeComparison(total, result);
    }
    const ratio = total.total === 0 ? 1 : total.agree / total.total;
    const classes = [...total.disagreements.entries()].sort((a, b) => b[1].length - a[1].length);
    console.log(`serverless conformance: ${facts.length} services, ${total.agree}/${total.total} facts agree (${(ratio * 100).toFixed(1)}%)`);
    for (const [cls, examples] of classes) console.log(`  ${cls}: ${examples.length}  e.g. ${examples.slice(0, 3).join(' | ')}`);
    if (process.env.FNGUARD_CONFORMANCE_VERBOSE) console.log(perService.join('\n'));
    expect(ratio).toBeGreaterThanOrEqual(REQUIRED_AGREEMENT);
  }, 120_000);

  it('loads every serverless.yml of the corpus with warnings only, never an exception', async () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (/^serverless\.ya?ml$/.test(name)) files.push(path.relative(corpus, full).split(path.sep).join('/'));
      }
    };
    walk(corpus);
    expect(files.length).toBeGreaterThan(150);
    let functions = 0;
    for (const file of files) {
      const app = await loadServerlessApp(corpus, file, {});
      expect(app.warnings.filter((w) => w.code === 'load-failed'), file).toEqual([]);
      expect(app.framework).toBe('serverless');
      functions += app.functions.length;
    }
    console.log(`serverless corpus: ${files.length} files, ${functions} functions loaded`);
  }, 120_000);
});
