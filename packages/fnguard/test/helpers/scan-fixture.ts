/**
 * A two-app scan with findings from every shipped rule, warnings of each kind, and awkward
 * paths (spaces, nested folders), run through the real engine and rules.
 */
import type { ScanResult } from '../../src/findings/scan-result.js';
import type { App } from '../../src/model/types.js';
import { runRules } from '../../src/rules/engine.js';
import { findRule } from '../../src/rules/index.js';
import type { Rule } from '../../src/rules/rule.js';
import { buildApp, buildEnv, buildFunction, buildResource, buildRole, buildStatement, buildTrigger, loc } from './app-builder.js';

const SAM = 'orders/template.yaml';
const SLS = 'my service/serverless.yml';

export function fixtureApps(): App[] {
  const sam = buildApp({
    name: 'orders',
    path: SAM,
    functions: [
      buildFunction('CreateOrder', {
        name: 'create-order',
        roleId: 'CreateOrderRole',
        location: loc(12, 3, SAM),
        triggers: [buildTrigger('http-rest', { method: 'POST', path: '/orders', public: true, location: loc(20, 9, SAM) })],
        environment: [buildEnv('DB_PASSWORD', { value: 'correct-horse-battery-staple', secretLike: true, location: loc(16, 11, SAM) })],
      }),
      buildFunction('Web', { url: { authType: 'NONE', location: loc(30, 7, SAM) }, location: loc(28, 3, SAM) }),
    ],
    roles: [
      buildRole('CreateOrderRole', {
        usedBy: ['CreateOrder'],
        location: loc(40, 3, SAM),
        statements: [
          buildStatement({ Action: ['dynamodb:*'], Resource: ['${OrdersTable.Arn}'], location: loc(45, 11, SAM) }),
          buildStatement({ Action: ['sqs:sendmessage'], Resource: ['*'], location: loc(49, 11, SAM) }),
        ],
      }),
    ],
    resources: [buildResource('Site', 'AWS::S3::Bucket', { AccessControl: 'PublicRead' }, { location: loc(60, 3, SAM) })],
    warnings: [{ code: 'unresolved-variable', message: 'could not resolve ${Stage}', location: loc(5, 1, SAM) }],
  });
  const sls = buildApp({
    name: 'my-service',
    framework: 'serverless',
    path: SLS,
    functions: [buildFunction('hello', { location: loc(8, 3, SLS), triggers: [buildTrigger('http-api', { method: 'GET', path: '/hello', location: loc(11, 9, SLS) })] })],
  });
  return [sam, sls];
}

/** The six core rules by id, so that rules added to the registry later do not change the fixture's expected findings. */
export const CORE_RULE_IDS = ['FG-API-001', 'FG-IAM-001', 'FG-IAM-002', 'FG-LAMBDA-001', 'FG-S3-001', 'FG-SECRETS-001'] as const;

export function coreRules(): Rule[] {
  return CORE_RULE_IDS.map((id) => {
    const found = findRule(id);
    if (found === undefined) throw new Error(`core rule ${id} is not registered`);
    return found;
  });
}

export function fixtureScan(rules: readonly Rule[] = coreRules()): ScanResult {
  const apps = fixtureApps();
  const { findings, warnings } = runRules(apps, rules);
  return {
    target: 'examples',
    root: '/work/examples',
    profile: 'recommended',
    apps,
    rules,
    findings,
    warnings: [...warnings, { code: 'file-too-large', message: 'skipped big.yaml (12 MB)' }],
  };
}
