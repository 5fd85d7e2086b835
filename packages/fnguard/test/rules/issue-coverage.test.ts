/**
 * Behaviours the rule packs promise, checked through the real loaders on small templates: each
 * case names a fixture folder and the hits (rule, subject, severity, message parts) it must give.
 * fixtures.test.ts only asks "fires / is silent"; this file pins severity and wording where
 * they carry the behaviour (exposure raising severity, API keys, structured logs...).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Severity } from '../../src/findings/types.js';
import { scanDirectory } from '../../src/loaders/index.js';
import { RULES } from '../../src/rules/index.js';
import { prepareRuleData } from '../../src/rules/prepare.js';

const here = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(here, '..', 'fixtures', 'rules');

interface Expected {
  rule: string;
  /** function or resource id */
  subject: string;
  severity: Severity;
  message?: string[];
}

async function hits(folder: string, ruleIds: readonly string[]) {
  const rules = RULES.filter((rule) => ruleIds.includes(rule.id));
  const { apps } = await scanDirectory(join(FIXTURES, folder));
  expect(apps.length, `${folder} loads`).toBeGreaterThan(0);
  await prepareRuleData(apps, rules);
  return apps.flatMap((app) => rules.flatMap((rule) => rule.check(app).map((hit) => ({
    rule: rule.id,
    subject: hit.function ?? hit.resource ?? '',
    severity: hit.severity ?? rule.severity,
    message: hit.message,
  }))));
}

function expectHits(actual: Awaited<ReturnType<typeof hits>>, expected: Expected[]): void {
  const summary = (list: Array<{ rule: string; subject: string; severity: string }>) => list.map((h) => `${h.rule} ${h.subject} ${h.severity}`).sort();
  expect(summary(actual)).toEqual(summary(expected));
  for (const want of expected) {
    const got = actual.find((h) => h.rule === want.rule && h.subject === want.subject)!;
    for (const part of want.message ?? []) expect(got.message).toContain(part);
  }
}

describe('severity rises with exposure: the same weaknesses on a public function and a queue consumer', () => {
  it('ranks the public, unauthenticated function above the internal consumer', async () => {
    const actual = await hits('FG-IAM-001/fail/exposure', ['FG-IAM-001', 'FG-IAM-002', 'FG-SECRETS-001', 'FG-DOS-001']);
    expectHits(actual, [
      { rule: 'FG-IAM-001', subject: 'PublicFunctionRole', severity: 'high', message: ['`dynamodb:*`', 'reachable from the internet', 'raised one level'] },
      { rule: 'FG-IAM-001', subject: 'QueueConsumerRole', severity: 'medium' },
      { rule: 'FG-IAM-002', subject: 'PublicFunctionRole', severity: 'medium', message: ['reachable from the internet'] },
      { rule: 'FG-IAM-002', subject: 'QueueConsumerRole', severity: 'low', message: ['one level lower'] },
      { rule: 'FG-SECRETS-001', subject: 'PublicFunction', severity: 'high', message: ['reachable from the internet'] },
      { rule: 'FG-SECRETS-001', subject: 'QueueConsumer', severity: 'medium', message: ['one level lower'] },
      // no reserved concurrency matters only where anyone can trigger the function
      { rule: 'FG-DOS-001', subject: 'PublicFunction', severity: 'medium', message: ['Nothing in front of it limits the request rate'] },
    ]);
  });
});

describe('IAM conditions are evaluated, not just noticed', () => {
  it('FG-IAM-002 reports a write on * whose Condition does not narrow it, and accepts one that does', async () => {
    expectHits(await hits('FG-IAM-002/fail/non-narrowing-condition', ['FG-IAM-002']), [
      { rule: 'FG-IAM-002', subject: 'FnRole', severity: 'low', message: ['Its Condition does not narrow it', 'aws:SecureTransport'] },
    ]);
    expect(await hits('FG-IAM-002/pass/narrowing-condition', ['FG-IAM-002'])).toEqual([]);
  });
  it('FG-IAM-003 does not take StringNotEquals on aws:PrincipalOrgID as a restriction', async () => {
    expectHits(await hits('FG-IAM-003/fail/negated-condition', ['FG-IAM-003']), [{ rule: 'FG-IAM-003', subject: 'Role', severity: 'critical' }]);
  });
});

describe('FG-DOS-001 through the loaders', () => {
  it('lowers severity when a throttled API is the only way in', async () => {
    expectHits(await hits('FG-DOS-001/fail/throttled', ['FG-DOS-001']), [
      { rule: 'FG-DOS-001', subject: 'Throttled', severity: 'low', message: ['API Api throttles requests'] },
    ]);
  });
});

describe('FG-API-001 through the loaders', () => {
  it('reports an API key as the only protection distinctly', async () => {
    expectHits(await hits('FG-API-001/fail/api-key-only', ['FG-API-001']), [
      { rule: 'FG-API-001', subject: 'Orders', severity: 'high', message: ['GET /orders invokes function Orders with an API key as its only protection', 'An API key is not authentication'] },
    ]);
  });
  it('reports WebSocket $connect and internet-facing load balancer targets without authentication', async () => {
    expectHits(await hits('FG-API-001/fail/websocket', ['FG-API-001']), [
      { rule: 'FG-API-001', subject: 'OnConnect', severity: 'high', message: ['WebSocket API route $connect invokes function OnConnect without authorization'] },
    ]);
    expectHits(await hits('FG-API-001/fail/alb', ['FG-API-001']), [
      { rule: 'FG-API-001', subject: 'Handler', severity: 'high', message: ['load balancer target group TargetGroup', 'internet-facing load balancer'] },
    ]);
  });
  it('accepts a $connect authorizer and an OIDC listener', async () => {
    expect(await hits('FG-API-001/pass/websocket', ['FG-API-001'])).toEqual([]);
    expect(await hits('FG-API-001/pass/alb', ['FG-API-001'])).toEqual([]);
  });
});

describe('FG-API-004 through the loaders', () => {
  it('reports a CloudFront distribution in front of an API without a web ACL', async () => {
    expectHits(await hits('FG-API-004/fail/cloudfront', ['FG-API-004']), [
      { rule: 'FG-API-004', subject: 'Cdn', severity: 'medium', message: ['CloudFront distribution Cdn puts API ServerlessHttpApi on the internet'] },
    ]);
  });
  it('accepts a web ACL on the REST stage and on the distribution', async () => {
    expect(await hits('FG-API-004/pass', ['FG-API-004'])).toEqual([]);
  });
});

describe('FG-DOS-002 through the loaders', () => {
  it('ranks an API open to anyone above one whose routes need a user token', async () => {
    const actual = await hits('FG-DOS-002/fail', ['FG-DOS-002']);
    expect(actual.map((hit) => hit.severity).sort()).toEqual(['low', 'medium']);
    expect(actual.find((hit) => hit.severity === 'medium')?.message).toContain('public routes');
    expect(actual.find((hit) => hit.severity === 'low')?.message).toContain('require a user token');
  });
});

describe('FG-LOG-003 through the loaders', () => {
  it('reports unquoted variables, malformed JSON, a missing Format and the Serverless REST default', async () => {
    const actual = await hits('FG-LOG-003/fail', ['FG-LOG-003']);
    const messages = actual.map((hit) => hit.message).join('\n');
    expect(actual).toHaveLength(4);
    expect(messages).toContain('$context.status, $context.integrationStatus without quotes');
    expect(messages).toContain('looks like JSON but is not');
    expect(messages).toContain('no Format');
    expect(messages).toContain("Serverless Framework's default access-log format, which is text");
  });
});

describe('FG-S3-004 and FG-DEPLOY-006 through the loaders', () => {
  it('notes the SSE-S3 default and asks for a customer key where data looks sensitive', async () => {
    expectHits(await hits('FG-S3-004/fail', ['FG-S3-004']), [
      { rule: 'FG-S3-004', subject: 'Artifacts', severity: 'low', message: ['since January 2023'] },
      { rule: 'FG-S3-004', subject: 'CustomerUploads', severity: 'low', message: ['customer data', 'S3-owned key'] },
    ]);
    expectHits(await hits('FG-DEPLOY-006/fail', ['FG-DEPLOY-006']), [
      { rule: 'FG-DEPLOY-006', subject: 'UsersTable', severity: 'low', message: ['user data', 'AWS-owned key'] },
    ]);
  });
});

describe('FG-DEPLOY-007 through the loaders', () => {
  it('reports the queue whose policy only allows, and the topic whose Deny is inverted', async () => {
    expectHits(await hits('FG-DEPLOY-007/fail', ['FG-DEPLOY-007']), [
      { rule: 'FG-DEPLOY-007', subject: 'OrderQueue', severity: 'low', message: ['sqs:*', 'aws:SecureTransport'] },
      { rule: 'FG-DEPLOY-007', subject: 'OrderEvents', severity: 'low', message: ['sns:Publish'] },
    ]);
  });
});

describe('FG-IAM-010 through the loaders', () => {
  it('reports the pattern that lets a SAM function change object ACLs, naming the bucket', async () => {
    expectHits(await hits('FG-IAM-010/fail', ['FG-IAM-010']), [
      { rule: 'FG-IAM-010', subject: 'StoreReceiptRole', severity: 'medium', message: ['`s3:PutObject*`', 'bucket Receipts', 's3:PutObjectAcl'] },
    ]);
  });
});

describe('FG-COGNITO-003 through the loaders', () => {
  it('ranks guest credentials that can write to a table high and says what they reach', async () => {
    expectHits(await hits('FG-COGNITO-003/fail', ['FG-COGNITO-003']), [
      { rule: 'FG-COGNITO-003', subject: 'IdentityPool', severity: 'high', message: ['GuestRole', 'write on dynamodb'] },
    ]);
  });
});

/** cdk-nag rule ids are `<pack>-<rule suffix>`; the installed packs are the reference when bench/peers is set up. */
function cdkNagRuleIds(): Set<string> | undefined {
  const packs = join(here, '..', '..', '..', '..', 'bench', 'peers', 'node_modules', 'cdk-nag', 'lib', 'packs');
  if (!existsSync(packs)) return undefined;
  const ids = new Set<string>();
  for (const file of readdirSync(packs).filter((name) => name.endsWith('.js'))) {
    const source = readFileSync(join(packs, file), 'utf8');
    const pack = /this\.packName = '([^']+)'/.exec(source)?.[1];
    if (pack === undefined) continue;
    for (const block of source.split('this.applyRule({').slice(1)) {
      const body = block.split('});')[0] ?? '';
      const suffix = /ruleSuffixOverride: '([^']+)'/.exec(body)?.[1] ?? /rule: [a-z0-9_]+\.([A-Za-z0-9]+)/.exec(body)?.[1];
      if (suffix !== undefined) ids.add(`${pack}-${suffix}`);
    }
  }
  return ids;
}

describe('peer ids', () => {
  const known = cdkNagRuleIds();
  it.skipIf(known === undefined)('name cdk-nag rules that exist in the installed rule packs (npm --prefix bench/peers ci)', () => {
    const unknown = RULES.flatMap((rule) => (rule.peers.cdkNag ?? []).filter((id) => !known!.has(id)).map((id) => `${rule.id}: ${id}`));
    expect(unknown).toEqual([]);
  });
});
