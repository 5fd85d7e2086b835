/**
 * Runs cdk-nag (AwsSolutionsChecks + ServerlessChecks) over CloudFormation/SAM templates the way
 * a CDK user would apply it to an existing template: CfnInclude into a stack, aspects, synth.
 * Usage: node cdk-nag-scan.mjs FILE... ; prints one JSON object per file:
 * {file, ok, error?, findings: [{rule, level, resource}], ms}
 */
// cdk-nag's verdicts only: CDK's own CloudFormation validation would add noise and time.
process.env.CDK_VALIDATION = 'false';

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';

function scanTemplate(file) {
  const started = performance.now();
  const outdir = mkdtempSync(join(tmpdir(), 'fnguard-cdk-nag-'));
  // Only cdk-nag's verdicts are wanted: no failing synth, no built-in CloudFormation validation.
  const app = new App({ outdir, context: { '@aws-cdk/core:validationReportJson': true, '@aws-cdk/core:failSynthOnValidationErrors': false } });
  const stack = new Stack(app, 'Scanned');
  try {
    new CfnInclude(stack, 'Template', { templateFile: file });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    Validations.of(app).addPlugins(new ServerlessChecks(app));
    try {
      app.synth();
    } catch {
      // Violations make synth fail by design; the report is still written.
    }
    const report = JSON.parse(readFileSync(join(outdir, 'policy-validation-report.json'), 'utf8'));
    return { file, ok: true, findings: extractFindings(report), ms: performance.now() - started };
  } catch (error) {
    return { file, ok: false, error: String(error?.message ?? error).split('\n')[0], findings: [], ms: performance.now() - started };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function extractFindings(report) {
  const findings = [];
  for (const plugin of report.pluginReports ?? []) {
    for (const violation of plugin.violations ?? []) {
      for (const resource of violation.violatingResources ?? []) {
        findings.push({ rule: violation.ruleName, severity: violation.severity, resource: resource.resourceLogicalId ?? String(resource.constructPath ?? "").split("/").pop() });
      }
    }
  }
  return findings;
}

for (const file of process.argv.slice(2)) process.stdout.write(JSON.stringify(scanTemplate(file)) + '\n');
