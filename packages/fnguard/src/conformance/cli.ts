#!/usr/bin/env node
/**
 * `npm run conformance [folder]`: SAM expansion agreement with the official translator.
 * The folder defaults to ../shared/conformance/sam-translator beside the repository.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATEGORIES } from './facts.js';
import { classify, overall, percent } from './compare.js';
import { runConformance } from './run.js';

const DEFAULT_ROOT = fileURLToPath(new URL('../../../../../shared/conformance/sam-translator', import.meta.url));

function main(argv: string[]): number {
  const root = resolve(argv[0] ?? DEFAULT_ROOT);
  if (!existsSync(resolve(root, 'input'))) {
    process.stderr.write(`fnguard conformance: no translator pairs at ${root} (expected input/ and output/)\n`);
    return 2;
  }
  const report = runConformance(root);
  const lines = [`SAM translator conformance (${root})`, `templates: ${report.templates}`, `functions: ${report.functions}`];
  for (const category of CATEGORIES) {
    const tally = report.tallies[category];
    lines.push(`${category.padEnd(10)} ${percent(tally).toFixed(1).padStart(5)}%  (${tally.agree}/${tally.total} pairs agree)`);
  }
  const all = overall(report);
  lines.push(`${'overall'.padEnd(10)} ${percent(all).toFixed(1).padStart(5)}%  (${all.agree}/${all.total} pairs agree)`);
  if (report.skipped.length > 0) lines.push(`skipped: ${report.skipped.length} (${report.skipped.slice(0, 3).map((s) => s.template).join(', ')})`);
  lines.push('', 'top classes of disagreement (category, side that has the fact, family):');
  for (const entry of classify(report.disagreements, Number(process.env.FNGUARD_CONFORMANCE_CLASSES ?? 12))) {
    lines.push(`  ${String(entry.count).padStart(5)}  ${entry.name}`);
    for (const example of entry.examples) lines.push(`         e.g. ${example}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
