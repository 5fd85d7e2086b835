/**
 * In its own file on purpose: the IAM catalogue is process-wide, and these cases are about the
 * first scan of a process, before any other test has loaded it.
 */
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../test/helpers/app-builder.js';
import { runRules } from './engine.js';
import { RULES } from './index.js';
import { prepareRuleData } from './prepare.js';

describe('prepareRuleData', () => {
  it('readies the IAM catalogue even when no app has a role, so IAM rules run instead of failing', async () => {
    const apps = [buildApp({ path: 'bucket-only.yaml' })];
    expect(apps[0]!.roles).toEqual([]);
    expect(await prepareRuleData(apps, RULES)).toEqual([]);
    const { warnings } = runRules(apps, RULES);
    expect(warnings).toEqual([]);
  });

  it('loads nothing for rules that do not need the catalogue', async () => {
    const withoutCatalog = RULES.filter((rule) => !rule.requires?.includes('iam-catalog'));
    expect(await prepareRuleData([buildApp()], withoutCatalog)).toEqual([]);
    expect(runRules([buildApp()], withoutCatalog).warnings).toEqual([]);
  });
});
