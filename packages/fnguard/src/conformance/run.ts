/**
 * Runs SAM conformance over a folder of translator pairs (`input/X.yaml`, `output/X.json`):
 * each input is loaded the way `fnguard scan` loads it, and its functions' facts are compared
 * with the facts the oracle reads from the translator's output.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCloudFormationApp } from '../loaders/cloudformation/load.js';
import { expandSam } from '../loaders/sam/expand.js';
import type { App } from '../model/types.js';
import { isRecord } from '../model/values.js';
import { parseTemplateText } from '../loaders/yaml/parse.js';
import { compareFacts, emptyComparison, type Comparison } from './compare.js';
import { modelFacts } from './model-facts.js';
import { oracleFacts } from './sam-oracle.js';

export interface ConformanceReport extends Comparison {
  templates: number;
  functions: number;
  /** pairs that could not be compared (unreadable output), with the reason */
  skipped: Array<{ template: string; reason: string }>;
}

/**
 * The translator's tests apply the SAM transform whether or not the input declares it, so
 * inputs without a top-level `Transform` get it, as a deployment would need it.
 */
export function withSamTransform(text: string): string {
  if (/^Transform\s*:/m.test(text) || /^\s*\{/.test(text)) return text;
  // After any `%YAML` directives and the `---` that must follow them.
  const header = /^(?:%[^\n]*\n)+---[^\n]*\n/.exec(text)?.[0] ?? '';
  return `${header}Transform: AWS::Serverless-2016-10-31\n${text.slice(header.length)}`;
}

export function loadSamInput(root: string, name: string): App {
  const relPath = `input/${name}.yaml`;
  return loadCloudFormationApp(root, relPath, withSamTransform(readFileSync(join(root, relPath), 'utf8')), { expandSam });
}

/**
 * Ids of the AWS::Serverless::Function resources an input declares, read apart from the loader
 * so that a function the loader fails to model still counts, as a disagreement.
 */
function samFunctionIds(relPath: string, inputText: string): Set<string> {
  const data = parseTemplateText(inputText, relPath).data;
  const resources = isRecord(data) && isRecord(data.Resources) ? data.Resources : {};
  return new Set(Object.entries(resources).filter(([, r]) => isRecord(r) && r.Type === 'AWS::Serverless::Function').map(([id]) => id));
}

/** Names of the valid (non-`error_`) pairs in the folder. */
export function conformanceCases(root: string): string[] {
  return readdirSync(join(root, 'input'))
    .filter((f) => f.endsWith('.yaml') && !f.startsWith('error_'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .filter((name) => existsSync(join(root, 'output', `${name}.json`)))
    .sort();
}

export function runConformance(root: string): ConformanceReport {
  const report: ConformanceReport = { ...emptyComparison(), templates: 0, functions: 0, skipped: [] };
  for (const name of conformanceCases(root)) {
    let output: unknown;
    try {
      output = JSON.parse(readFileSync(join(root, 'output', `${name}.json`), 'utf8'));
    } catch (error) {
      report.skipped.push({ template: name, reason: `output is not JSON: ${(error as Error).message}` });
      continue;
    }
    const app = loadSamInput(root, name);
    const ids = samFunctionIds(`input/${name}.yaml`, readFileSync(join(root, 'input', `${name}.yaml`), 'utf8'));
    const expected = oracleFacts(output, ids);
    const actual = modelFacts(app, ids);
    report.templates += 1;
    report.functions += new Set([...expected.keys(), ...actual.keys()]).size;
    compareFacts(name, expected, actual, report);
  }
  return report;
}
