import type { Severity } from '../../findings/types.js';
import { rule, type Rule } from '../rule.js';
import { LIFECYCLE_CHECKED, RUNTIME_LIFECYCLE } from './runtime-lifecycle.js';

const DAY_MS = 86_400_000;
/** How far ahead a coming deprecation is worth a heads-up. */
const NOTICE_DAYS = 180;

function daysBetween(from: Date, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - from.getTime()) / DAY_MS);
}

function ago(days: number): string {
  const abs = Math.abs(days);
  const span = abs >= 60 ? `${Math.round(abs / 30.4)} months` : `${abs} days`;
  return days < 0 ? `${span} ago` : `in ${span}`;
}

/** The rule is built around a clock so that its verdicts can be tested for any date. */
export function eolRuntimeRule(now: () => Date = () => new Date()): Rule {
  return rule({
    id: 'FG-LAMBDA-005',
    title: 'Function on a deprecated or soon-deprecated runtime',
    description:
      `A function uses a Lambda runtime that no longer receives security patches, or will stop receiving them within ${NOTICE_DAYS} days. ` +
      'After the block dates AWS refuses to create, then to update, functions on it: an urgent fix can then not be deployed. ' +
      `Dates come from the AWS Lambda runtimes page as checked in ${LIFECYCLE_CHECKED}.`,
    severity: 'medium',
    sas: 'SAS-6',
    cwe: 'CWE-1104',
    profile: 'recommended',
    peers: { cdkNag: ['AwsSolutions-L1', 'Serverless-LambdaLatestVersion'], serverlessRules: ['E2531'], checkov: ['CKV_AWS_363'] },
    remediation: 'Move the function to the successor runtime, run its tests on it, and redeploy before the block-update date.',
    fix: {
      sam: ['Globals:', '  Function:', '    Runtime: nodejs24.x'].join('\n'),
      serverless: ['provider:', '  runtime: nodejs24.x'].join('\n'),
    },
    check: (app) => {
      const today = now();
      return app.functions.flatMap((fn) => {
        const runtime = fn.runtime?.trim().toLowerCase();
        const lifecycle = runtime === undefined ? undefined : RUNTIME_LIFECYCLE[runtime];
        if (!lifecycle || runtime === undefined) return [];
        const toDeprecation = daysBetween(today, lifecycle.deprecated);
        if (toDeprecation > NOTICE_DAYS) return [];
        let severity: Severity;
        let status: string;
        const toBlockUpdate = lifecycle.blockUpdate === undefined ? undefined : daysBetween(today, lifecycle.blockUpdate);
        const toBlockCreate = lifecycle.blockCreate === undefined ? undefined : daysBetween(today, lifecycle.blockCreate);
        if (toDeprecation > 0) {
          severity = 'low';
          status = `will be deprecated on ${lifecycle.deprecated} (${ago(toDeprecation)})`;
        } else if (toBlockUpdate !== undefined && toBlockUpdate <= 0) {
          severity = 'high';
          status = `was deprecated on ${lifecycle.deprecated} and AWS refuses updates since ${lifecycle.blockUpdate}`;
        } else if (toBlockUpdate === undefined && toBlockCreate !== undefined && toBlockCreate <= 0) {
          severity = 'high';
          status = `was retired on ${lifecycle.deprecated} (${ago(toDeprecation)}); AWS refuses new functions on it`;
        } else {
          severity = 'medium';
          const blocks = [
            toBlockCreate !== undefined && toBlockCreate > 0 ? `new functions are refused from ${lifecycle.blockCreate}` : undefined,
            toBlockUpdate !== undefined ? `updates from ${lifecycle.blockUpdate} (${ago(toBlockUpdate)})` : undefined,
          ].filter((part): part is string => part !== undefined);
          status = `has had no security patches since ${lifecycle.deprecated} (${ago(toDeprecation)})${blocks.length > 0 ? `; ${blocks.join(', ')}` : ''}`;
        }
        return [{
          message: `Function ${fn.name} runs on ${runtime}, which ${status}. Move to ${lifecycle.successor}.`,
          location: fn.location,
          function: fn.id,
          severity,
          evidence: `Runtime: ${fn.runtime}`,
          key: `runtime:${runtime}`,
        }];
      });
    },
  });
}

export default eolRuntimeRule();
