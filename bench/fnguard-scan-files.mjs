/**
 * fnguard's side of bench/compare-cdk-nag.mjs, run in its own process so that its wall time
 * counts what cdk-nag's does: process start, imports, the IAM catalogue and every rule.
 * Usage: node bench/fnguard-scan-files.mjs FILE... ; prints one JSON object per file.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'packages', 'fnguard', 'dist');
const { scanDirectory } = await import(join(dist, 'loaders', 'index.js'));
const { RULES } = await import(join(dist, 'rules', 'index.js'));
const { runRules } = await import(join(dist, 'rules', 'engine.js'));
const { prepareRuleData } = await import(join(dist, 'rules', 'prepare.js'));

const loaded = [];
for (const file of process.argv.slice(2)) loaded.push({ file, apps: (await scanDirectory(file)).apps });
await prepareRuleData(loaded.flatMap(({ apps }) => apps), RULES);
for (const { file, apps } of loaded) {
  const analysed = apps.some((app) => app.functions.length + app.resources.length > 0);
  const { findings } = runRules(apps, RULES);
  process.stdout.write(JSON.stringify({ file, analysed, findings: findings.map((finding) => finding.ruleId) }) + '\n');
}
