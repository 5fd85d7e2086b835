/**
 * The SAS-4 pack's failing and passing templates, loaded by the real CloudFormation loader with
 * SAM expansion, then run the way the CLI runs rules: the IAM catalogue loaded only for the
 * services the app touches (prepareRuleData), then the engine. A rule that reads an unloaded
 * part of the catalogue shows up here as a `rule-error` warning.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCloudFormationApp } from '../../loaders/cloudformation/load.js';
import { expandSam } from '../../loaders/sam/expand.js';
import { loadServerlessApp } from '../../loaders/serverless/index.js';
import { runRules } from '../engine.js';
import { prepareRuleData } from '../prepare.js';
import type { Rule } from '../rule.js';
import broadManagedPolicy from './broad-managed-policy.js';
import exfiltrationReach from './exfiltration-reach.js';
import notActionAllow from './not-action-allow.js';
import privilegeEscalation from './privilege-escalation.js';
import samFullAccessTemplate from './sam-full-access-template.js';
import sharedRole from './shared-role.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'test', 'fixtures', 'rules');
const PACK: Rule[] = [notActionAllow, broadManagedPolicy, privilegeEscalation, exfiltrationReach, sharedRole, samFullAccessTemplate];

async function scanFixture(rule: Rule, outcome: 'fail' | 'pass') {
  const root = join(FIXTURES, rule.id, outcome);
  const app = loadCloudFormationApp(root, 'template.yaml', await readFile(join(root, 'template.yaml'), 'utf8'), { expandSam });
  expect(app.framework).toBe('sam');
  expect(app.warnings).toEqual([]);
  expect(await prepareRuleData([app], [rule])).toEqual([]);
  const { findings, warnings } = runRules([app], [rule]);
  expect(warnings).toEqual([]);
  return findings;
}

describe('SAS-4 IAM pack fixtures through the scanner', () => {
  for (const rule of PACK) {
    it(`${rule.id} fires on its failing template`, async () => {
      const findings = await scanFixture(rule, 'fail');
      expect(findings.length).toBeGreaterThan(0);
      expect(findings.every((finding) => finding.ruleId === rule.id && finding.location.file === 'template.yaml' && finding.location.line > 1)).toBe(true);
    });
    it(`${rule.id} is silent on its passing template`, async () => {
      expect(await scanFixture(rule, 'pass')).toEqual([]);
    });
  }
});

const SERVERLESS_YML = `service: orders
provider:
  name: aws
  runtime: nodejs20.x
  iam:
    role:
      statements:
        - Effect: Allow
          Action: [dynamodb:GetItem, dynamodb:PutItem]
          Resource: arn:aws:dynamodb:eu-west-1:123456789012:table/orders
functions:
  getOrder:
    handler: get.handler
    events:
      - httpApi: GET /orders/{id}
  createOrder:
    handler: create.handler
`;

describe('FG-IAM-008 on serverless.yml', () => {
  it('names the provider-level role and the public function', async () => {
    const app = await loadServerlessApp(FIXTURES, 'serverless.yml', SERVERLESS_YML);
    const { findings, warnings } = runRules([app], [sharedRole]);
    expect(warnings).toEqual([]);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.severity).toBe('medium');
    expect(findings[0]?.message).toContain('provider-level role IamRoleLambdaExecution that serverless.yml generates is shared by 2 functions (getOrder, createOrder)');
    expect(findings[0]?.message).toContain('the internet-facing function getOrder can also do whatever createOrder may do');
  });
});
