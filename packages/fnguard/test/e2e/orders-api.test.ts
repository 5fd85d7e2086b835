/**
 * The README's demo, end to end: `fnguard scan examples/orders-api` through the CLI entry point.
 * The exact findings are the contract: a loader or rule change that adds or loses one shows here.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const example = join(repo, 'examples', 'orders-api');
const out = mkdtempSync(join(tmpdir(), 'fnguard-e2e-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

interface ReportFinding { app: string; ruleId: string; severity: string; function?: string; resource?: string; location: { file: string; line: number } }

async function scan(...extra: string[]): Promise<{ code: number; findings: ReportFinding[]; report: Record<string, unknown> }> {
  const file = join(out, `report-${extra.join('-') || 'default'}.json`);
  const code = await main(['scan', example, '--format', 'json', '-o', file, '--quiet', ...extra]);
  const report = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> & { findings: ReportFinding[] };
  return { code, findings: report.findings, report };
}

const row = (finding: ReportFinding) => `${finding.app} ${finding.ruleId} ${finding.severity} ${finding.function ?? finding.resource}`;

/** Each weakness written into the demo (see examples/orders-api/README.md), in both its forms. */
const EXPECTED = [
  // template.yaml (SAM)
  'template.yaml FG-API-001 high CreateOrderFunction',
  'template.yaml FG-SECRETS-001 high CreateOrderFunction',
  'template.yaml FG-DOS-001 medium CreateOrderFunction',
  'template.yaml FG-LAMBDA-001 high ExportReportFunction',
  'template.yaml FG-DOS-001 medium ExportReportFunction',
  // ProcessPayment is an SQS consumer: the same grants rank one level below serverless.yml's
  // provider role, which the public createOrder and exportReport functions share.
  'template.yaml FG-IAM-001 medium ProcessPaymentFunctionRole',
  'template.yaml FG-IAM-002 low ProcessPaymentFunctionRole',
  'template.yaml FG-IAM-007 medium ProcessPaymentFunctionRole',
  'template.yaml FG-S3-001 high ReceiptsBucket',
  'template.yaml FG-API-004 medium OrdersApi',
  'template.yaml FG-DOS-002 medium OrdersApi',
  'template.yaml FG-LOG-002 medium OrdersApi',
  'template.yaml FG-COGNITO-001 medium UserPool',
  'template.yaml FG-COGNITO-002 low UserPool',
  'template.yaml FG-DOS-006 medium PaymentsQueue',
  // serverless.yml (Serverless Framework): one provider role for every function
  'serverless.yml FG-API-001 high CreateOrderLambdaFunction',
  'serverless.yml FG-SECRETS-001 high CreateOrderLambdaFunction',
  'serverless.yml FG-DOS-001 medium CreateOrderLambdaFunction',
  'serverless.yml FG-LAMBDA-001 high ExportReportLambdaFunction',
  'serverless.yml FG-DOS-001 medium ExportReportLambdaFunction',
  'serverless.yml FG-IAM-001 high IamRoleLambdaExecution',
  'serverless.yml FG-IAM-002 medium IamRoleLambdaExecution',
  'serverless.yml FG-IAM-007 high IamRoleLambdaExecution',
  'serverless.yml FG-IAM-008 medium IamRoleLambdaExecution',
  'serverless.yml FG-S3-001 high ReceiptsBucket',
  'serverless.yml FG-DOS-002 medium HttpApi',
  'serverless.yml FG-LOG-002 medium HttpApi',
  'serverless.yml FG-DOS-006 medium PaymentsQueue',
].sort();

describe('fnguard scan examples/orders-api', () => {
  it('reports exactly the demo weaknesses and exits 1', async () => {
    const { code, findings, report } = await scan();
    expect(code).toBe(1);
    expect(findings.map(row).sort()).toEqual(EXPECTED);
    expect((report.apps as Array<{ path: string }>).map((app) => app.path).sort()).toEqual(['serverless.yml', 'template.yaml']);
  });

  it('does not report what the demo does right', async () => {
    const { findings } = await scan();
    // GetOrder is behind a Cognito / JWT authorizer; API_TOKEN comes from SSM.
    expect(findings.filter((f) => /GetOrder/.test(f.function ?? '') && f.ruleId === 'FG-API-001')).toEqual([]);
    expect(findings.filter((f) => f.ruleId === 'FG-SECRETS-001').length).toBe(2);
  });

  it('points at the line of each weakness', async () => {
    const { findings } = await scan();
    const lines = (file: string) => readFileSync(join(example, file), 'utf8').split('\n');
    for (const finding of findings) {
      expect(finding.location.file).toBe(finding.app);
      expect(lines(finding.location.file)[finding.location.line - 1], row(finding)).toBeDefined();
    }
    const secret = findings.find((f) => f.app === 'template.yaml' && f.ruleId === 'FG-SECRETS-001')!;
    expect(lines('template.yaml')[secret.location.line - 1]).toContain('DB_PASSWORD');
    const acl = findings.find((f) => f.app === 'serverless.yml' && f.ruleId === 'FG-S3-001')!;
    expect(lines('serverless.yml').slice(acl.location.line - 1, acl.location.line + 3).join('\n')).toContain('ReceiptsBucket');
  });

  it('gates on --fail-on', async () => {
    expect((await scan('--fail-on', 'critical')).code).toBe(0);
    expect((await scan('--fail-on', 'high')).code).toBe(1);
  });

  it('adds hygiene findings with --profile strict and keeps every recommended one', async () => {
    const strict = await scan('--profile', 'strict');
    expect(strict.findings.length).toBeGreaterThan(EXPECTED.length);
    expect(strict.findings.map(row)).toEqual(expect.arrayContaining(EXPECTED));
  });
});
