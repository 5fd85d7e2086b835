#!/usr/bin/env node
/**
 * Why fnguard stays silent where cdk-nag's AwsSolutions-IAM5 (wildcard permissions) fires: every
 * Allow statement with a wildcard, in the roles cdk-nag flagged in templates where no mapped
 * fnguard rule reported, sorted into the kinds of wildcard the README's comparison discusses.
 *
 *   node bench/compare-cdk-nag.mjs --json /tmp/compare.json && node bench/triage-iam5.mjs /tmp/compare.json
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [jsonFile, corpusArg] = process.argv.slice(2);
if (!jsonFile) {
  console.error('usage: node bench/triage-iam5.mjs COMPARE_JSON [CORPUS_DIR]');
  process.exit(2);
}
const corpus = resolve(corpusArg ?? join(root, '..', 'shared', 'corpus'));
const { scanDirectory } = await import(join(root, 'packages/fnguard/dist/loaders/index.js'));
const { loadIamCatalog } = await import(join(root, 'packages/fnguard/dist/analyzers/iam/catalog.js'));
const catalog = await loadIamCatalog();

const KINDS = {
  'suffix': 'wildcard only at the end of one named resource (objects of a bucket, indexes of a table, a log-group prefix)',
  'star-only': 'Resource * with actions that accept nothing but *',
  'star-read': 'Resource * with read or list actions that could be scoped',
  'star-write': 'Resource * with write actions (FG-IAM-002 territory)',
  'pattern': 'an action pattern narrower than a service (s3:Get*, s3:*Object)',
};

function kindOf(statement) {
  const actions = statement.Action ?? [];
  const resources = statement.Resource ?? [];
  if (actions.some((action) => action.includes('*'))) return 'pattern';
  if (resources.includes('*')) {
    const scoped = actions.map((action) => catalog.action(action)).filter((info) => info && !info.wildcardOnly);
    if (scoped.length === 0) return 'star-only';
    return scoped.some((info) => info.accessLevel !== 'Read' && info.accessLevel !== 'List') ? 'star-write' : 'star-read';
  }
  return resources.some((resource) => resource.includes('*')) ? 'suffix' : undefined;
}

const compare = JSON.parse(readFileSync(jsonFile, 'utf8'));
const missed = compare.rules['AwsSolutions-IAM5']?.missed ?? [];
const statements = Object.fromEntries(Object.keys(KINDS).map((kind) => [kind, 0]));
const templates = { modelled: 0, onlyServiceRoles: 0 };
for (const miss of missed) {
  const { apps } = await scanDirectory(join(corpus, miss.file));
  let seen = false;
  let functionRole = false;
  for (const role of apps.flatMap((app) => app.roles)) {
    // cdk-nag names the role, or the policy resource whose statements the role carries
    if (!miss.resources.some((id) => id === role.id || role.statements.some((statement) => statement.origin.includes(id)))) continue;
    for (const statement of role.statements.filter((candidate) => candidate.Effect === 'Allow')) {
      const kind = kindOf(statement);
      if (!kind) continue;
      statements[kind] += 1;
      seen = true;
      if (role.usedBy.length > 0) functionRole = true;
    }
  }
  if (seen) templates.modelled += 1;
  if (seen && !functionRole) templates.onlyServiceRoles += 1;
}

console.log(`IAM5 templates where fnguard reports none of its mapped rules: ${missed.length}; whose flagged roles fnguard models: ${templates.modelled}`);
console.log(`  of those, flagged only on roles no function uses: ${templates.onlyServiceRoles}`);
console.log('Allow statements with a wildcard in the flagged roles:');
for (const [kind, count] of Object.entries(statements)) console.log(`  ${String(count).padStart(4)}  ${KINDS[kind]}`);
