#!/usr/bin/env node
/**
 * fnguard and cdk-nag (AwsSolutionsChecks + ServerlessChecks, applied through CfnInclude) over the
 * same SAM / CloudFormation templates of the shared corpus, in one run:
 *   - how many templates each tool could analyse,
 *   - findings per comparable rule (through fnguard's peer ids), and for each cdk-nag rule the share
 *     of (template, rule) pairs where fnguard reports its equivalent,
 *   - wall time of each and the ratio,
 *   - start-up (one template) and marginal cost per further template, so that a fixed cost such
 *     as loading aws-cdk-lib or Node itself does not decide the ratio alone.
 *
 * Setup: npm run build && npm --prefix bench/peers ci
 * Usage: node bench/compare-cdk-nag.mjs [CORPUS_DIR] [--limit N] [--repeat K] [--json FILE]
 *   --repeat K: time every run K times and keep the fastest (default 1)
 */
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const args = process.argv.slice(2);
const option = (name) => {
  const index = args.indexOf(name);
  return index >= 0 ? args.splice(index, 2)[1] : undefined;
};
const limit = Number(option('--limit') ?? Infinity);
const repeat = Math.max(1, Number(option('--repeat') ?? 1));
const jsonOut = option('--json');
const corpus = resolve(args[0] ?? join(root, '..', 'shared', 'corpus'));

if (!existsSync(join(root, 'packages/fnguard/dist/bundle/index.js'))) {
  console.error('Build first: npm run build');
  process.exit(2);
}
if (!existsSync(join(here, 'peers/node_modules/cdk-nag'))) {
  console.error('Install the peers first: npm --prefix bench/peers ci');
  process.exit(2);
}
if (!existsSync(corpus)) {
  console.error(`No corpus at ${corpus}`);
  process.exit(2);
}

const { scanDirectory } = await import(join(root, 'packages/fnguard/dist/loaders/index.js'));
const { RULES } = await import(join(root, 'packages/fnguard/dist/rules/index.js'));

// The templates both tools are given: every SAM / CloudFormation app fnguard discovers in the corpus.
const discovered = await scanDirectory(corpus);
const files = discovered.apps
  .filter((app) => app.framework === 'sam' || app.framework === 'cloudformation')
  .map((app) => join(corpus, app.path))
  .slice(0, limit);

/** Runs a scanner script over the files in a child process: wall time from spawn to exit (fastest of `repeat`). */
async function timedRun(script, inputs = files) {
  let best;
  for (let run = 0; run < repeat; run++) {
    const started = performance.now();
    const results = await new Promise((resolvePromise, reject) => {
      const child = spawn(process.execPath, [script, ...inputs], { stdio: ['ignore', 'pipe', 'ignore'] });
      let out = '';
      child.stdout.on('data', (chunk) => { out += chunk; });
      child.on('error', reject);
      child.on('close', () => resolvePromise(out.split('\n').filter((line) => line.startsWith('{"file"')).map((line) => JSON.parse(line))));
    });
    const ms = performance.now() - started;
    if (!best || ms < best.ms) best = { results, ms };
  }
  return best;
}

// Both tools get the same templates, one process each, everything timed: start-up, imports, all rules.
const fnguardScript = join(here, 'fnguard-scan-files.mjs');
const cdkNagScript = join(here, 'peers/cdk-nag-scan.mjs');
const fnguardRun = await timedRun(fnguardScript);
const cdkNagRun = await timedRun(cdkNagScript);
// The same processes on the first template alone: what each pays before its first template is done.
const fnguardOne = await timedRun(fnguardScript, files.slice(0, 1));
const cdkNagOne = await timedRun(cdkNagScript, files.slice(0, 1));
const marginal = (all, one) => (files.length > 1 ? (all - one) / (files.length - 1) : NaN);
const fnguardMarginal = marginal(fnguardRun.ms, fnguardOne.ms);
const cdkNagMarginal = marginal(cdkNagRun.ms, cdkNagOne.ms);
const fnguardMs = fnguardRun.ms;
const cdkNagMs = cdkNagRun.ms;
const fnguardByFile = new Map(fnguardRun.results.map((result) => [resolve(result.file), result.findings.map((ruleId) => ({ ruleId }))]));
const fnguardAnalysed = fnguardRun.results.filter((result) => result.analysed).length;
// cdk-nag suffixes granular findings (`AwsSolutions-IAM5[Action::s3:*]`): count them under their rule.
const cdkNagResults = cdkNagRun.results.map((result) => ({ ...result, findings: result.findings.map((finding) => ({ ...finding, rule: finding.rule.replace(/\[.*$/, '') })) }));
const cdkNagAnalysed = cdkNagResults.filter((result) => result.ok).length;

// Rule mapping through fnguard's declared peers.
const fnguardRulesFor = new Map();
for (const rule of RULES) {
  for (const peer of rule.peers.cdkNag ?? []) {
    if (!fnguardRulesFor.has(peer)) fnguardRulesFor.set(peer, []);
    fnguardRulesFor.get(peer).push(rule.id);
  }
}

const perRule = new Map();
for (const result of cdkNagResults) {
  const fnguardIds = new Set((fnguardByFile.get(resolve(result.file)) ?? []).map((finding) => finding.ruleId));
  const rulesInFile = new Set(result.findings.map((finding) => finding.rule));
  for (const cdkRule of rulesInFile) {
    const row = perRule.get(cdkRule) ?? { cdkNagFindings: 0, files: 0, covered: 0, mapped: fnguardRulesFor.get(cdkRule) ?? [], missed: [] };
    row.cdkNagFindings += result.findings.filter((finding) => finding.rule === cdkRule).length;
    row.files += 1;
    if (row.mapped.some((id) => fnguardIds.has(id))) row.covered += 1;
    // Per template, for the JSON only: where fnguard does not report its equivalent, which resources cdk-nag flagged.
    else if (row.mapped.length > 0) {
      row.missed.push({ file: relative(corpus, result.file), resources: [...new Set(result.findings.filter((finding) => finding.rule === cdkRule).map((finding) => finding.resource))] });
    }
    perRule.set(cdkRule, row);
  }
}
const fnguardCounts = new Map();
for (const findings of fnguardByFile.values()) for (const finding of findings) fnguardCounts.set(finding.ruleId, (fnguardCounts.get(finding.ruleId) ?? 0) + 1);

const rows = [...perRule.entries()].sort(([a], [b]) => a.localeCompare(b));
const pct = (part, whole) => (whole === 0 ? '-' : `${((100 * part) / whole).toFixed(0)}%`);

console.log(`Corpus: ${relative(process.cwd(), corpus) || corpus}: ${files.length} SAM / CloudFormation templates\n`);
console.log('| | fnguard | cdk-nag |');
console.log('|---|---|---|');
console.log(`| templates analysed | ${fnguardAnalysed} | ${cdkNagAnalysed} |`);
console.log(`| findings | ${[...fnguardByFile.values()].reduce((n, f) => n + f.length, 0)} | ${cdkNagResults.reduce((n, r) => n + r.findings.length, 0)} |`);
console.log(`| wall time, ${files.length} templates in one process | ${(fnguardMs / 1000).toFixed(2)} s | ${(cdkNagMs / 1000).toFixed(2)} s |`);
console.log(`| speed-up | ${(cdkNagMs / fnguardMs).toFixed(1)}x | 1x |`);
console.log(`| wall time, first template alone (start-up included) | ${(fnguardOne.ms / 1000).toFixed(2)} s | ${(cdkNagOne.ms / 1000).toFixed(2)} s |`);
console.log(`| marginal time per further template ((all - one) / ${files.length - 1}) | ${fnguardMarginal.toFixed(2)} ms | ${cdkNagMarginal.toFixed(2)} ms |`);
console.log(`| marginal speed-up | ${(cdkNagMarginal / fnguardMarginal).toFixed(1)}x | 1x |\n`);

console.log('| cdk-nag rule | cdk-nag findings | templates | fnguard equivalent | fnguard findings | templates where fnguard reports it too |');
console.log('|---|---|---|---|---|---|');
for (const [cdkRule, row] of rows) {
  const mapped = row.mapped.length > 0 ? row.mapped.join(', ') : '(none: not serverless-specific or not yet covered)';
  const fnguardFindings = row.mapped.reduce((n, id) => n + (fnguardCounts.get(id) ?? 0), 0);
  console.log(`| ${cdkRule} | ${row.cdkNagFindings} | ${row.files} | ${mapped} | ${row.mapped.length > 0 ? fnguardFindings : '-'} | ${row.mapped.length > 0 ? `${row.covered} (${pct(row.covered, row.files)})` : '-'} |`);
}
const failures = cdkNagResults.filter((result) => !result.ok);
if (failures.length > 0) {
  const reasons = new Map();
  for (const failure of failures) reasons.set(failure.error, (reasons.get(failure.error) ?? 0) + 1);
  console.log(`\ncdk-nag could not load ${failures.length} templates; most common reasons:`);
  for (const [reason, count] of [...reasons.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5)) console.log(`  ${count} x ${reason.slice(0, 140)}`);
}
if (jsonOut) {
  writeFileSync(jsonOut, JSON.stringify({
    files: files.length,
    repeat,
    fnguard: { analysed: fnguardAnalysed, ms: fnguardMs, oneTemplateMs: fnguardOne.ms, marginalMsPerTemplate: fnguardMarginal },
    cdkNag: { analysed: cdkNagAnalysed, ms: cdkNagMs, oneTemplateMs: cdkNagOne.ms, marginalMsPerTemplate: cdkNagMarginal },
    rules: Object.fromEntries(rows.map(([cdkRule, row]) => [cdkRule, row.mapped.length > 0 ? row : { ...row, missed: undefined }])),
  }, null, 2));
}
