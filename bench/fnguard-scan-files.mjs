/**
 * fnguard's side of bench/compare-cdk-nag.mjs, run in its own process so that its wall time
 * counts what cdk-nag's does: process start, imports, the IAM catalogue and every rule.
 * It goes through the package's public entry (the bundle users import), one scan() per file.
 * Usage: node bench/fnguard-scan-files.mjs FILE... ; prints one JSON object per file.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'packages', 'fnguard');
const { RULES, scan } = await import(join(packageDir, 'dist', 'bundle', 'index.js'));

for (const file of process.argv.slice(2)) {
  // scan() rejects a file that holds no loadable app, as the CLI does: not analysed, no findings.
  const result = await scan({ target: file, rules: RULES }).catch(() => undefined);
  const analysed = result?.apps.some((app) => app.functions.length + app.resources.length > 0) ?? false;
  process.stdout.write(JSON.stringify({ file, analysed, findings: result?.findings.map((finding) => finding.ruleId) ?? [] }) + '\n');
}
