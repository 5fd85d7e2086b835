/**
 * Every rule's failing and passing template, loaded through the real loaders: the rule must fire
 * on `fail/` and stay silent on `pass/`. This is where a loader that drops a fact a rule needs shows up.
 */
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scanDirectory } from '../../src/loaders/index.js';
import { RULES } from '../../src/rules/index.js';
import { prepareRuleData } from '../../src/rules/prepare.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'rules');

async function hitsOf(ruleId: string, dir: string) {
  const rule = RULES.find((candidate) => candidate.id === ruleId);
  if (!rule) throw new Error(`fixture folder ${ruleId} names no registered rule`);
  const { apps } = await scanDirectory(dir);
  expect(apps.length, `${dir} loads as an app`).toBeGreaterThan(0);
  // Rules that read the IAM catalogue need it loaded first, as the scan command does.
  await prepareRuleData(apps, [rule]);
  return apps.flatMap((app) => rule.check(app));
}

/** `fail/` or `pass/` itself when it holds a template, else each of its case folders. */
function casesOf(dir: string): Array<[string, string]> {
  const entries = readdirSync(dir);
  if (entries.some((entry) => statSync(join(dir, entry)).isFile())) return [['', dir]];
  return entries.sort().map((entry) => [` (${entry})`, join(dir, entry)]);
}

describe('rule fixtures through the loaders', () => {
  for (const ruleId of readdirSync(FIXTURES).sort()) {
    for (const [label, dir] of casesOf(join(FIXTURES, ruleId, 'fail'))) {
      it(`${ruleId} fires on its failing template${label}`, async () => {
        expect((await hitsOf(ruleId, dir)).length).toBeGreaterThan(0);
      });
    }
    for (const [label, dir] of casesOf(join(FIXTURES, ruleId, 'pass'))) {
      it(`${ruleId} is silent on its passing template${label}`, async () => {
        expect(await hitsOf(ruleId, dir)).toEqual([]);
      });
    }
  }
});
