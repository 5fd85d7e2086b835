#!/usr/bin/env node
/**
 * Records what the Serverless Framework itself makes of each serverless.yml in ../shared/corpus,
 * so packages/fnguard/test/conformance/serverless.test.ts can compare the fnguard loader with it.
 *
 * The Framework is a dev-time oracle only: install it outside the repo
 * (`mkdir /tmp/sls-oracle && cd /tmp/sls-oracle && npm install serverless@3`) and point
 * --sls at it. Each service is copied to a temp dir (the shared corpus is read-only to us) and
 * packaged offline with dummy credentials; only small comparison facts are kept, never the
 * generated template, so the recorded files stay reviewable.
 *
 * Usage: node scripts/record-serverless-oracle.mjs [--sls /tmp/sls-oracle] [--only substring]
 *        [--timeout 90] [--corpus ../shared/corpus] [--redo skipped]
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml, parseDocument } from 'yaml';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Map();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1]);
const corpus = path.resolve(args.get('corpus') ?? path.join(repo, '..', 'shared', 'corpus'));
const slsHome = path.resolve(args.get('sls') ?? '/tmp/sls-oracle');
const slsBin = path.join(slsHome, 'node_modules', 'serverless', 'bin', 'serverless.js');
const timeoutMs = Number(args.get('timeout') ?? 90) * 1000;
const only = args.get('only');
const outDir = path.join(repo, 'packages', 'fnguard', 'test', 'conformance', 'serverless-oracle');

async function findServiceFiles(dir, found = []) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await findServiceFiles(full, found);
    else if (/^serverless\.ya?ml$/.test(entry.name)) found.push(full);
  }
  return found.sort();
}

export function slugOf(relFile) {
  return path.posix.dirname(relFile).replace(/[^A-Za-z0-9_.-]+/g, '__');
}

function pluginsOf(config) {
  const plugins = config?.plugins;
  if (Array.isArray(plugins)) return plugins;
  if (Array.isArray(plugins?.modules)) return plugins.modules;
  return [];
}

/**
 * Plugins that only build, bundle, emulate locally or prune old versions: they do not change the
 * functions, events or roles in the template, so the service is packaged without them (and the
 * recording says so) instead of being skipped.
 */
const PACKAGING_ONLY = new Set([
  'serverless-offline', 'serverless-prune-plugin', 'serverless-webpack', 'serverless-esbuild', 'serverless-bundle',
  'serverless-plugin-typescript', 'serverless-plugin-optimize', 'serverless-dynamodb-local', 'serverless-python-requirements',
  'serverless-dotenv-plugin', 'serverless-s3-local', 'serverless-offline-sqs', 'serverless-ruby-layer', 'serverless-rust',
]);

/** Removes the named plugins from the copied serverless.yml; the YAML document keeps tags and comments. */
async function stripPlugins(copiedFile, names) {
  const doc = parseDocument(await readFile(copiedFile, 'utf8'), { uniqueKeys: false });
  const node = doc.get('plugins', true);
  const list = node && Array.isArray(node.items) ? node : doc.getIn(['plugins', 'modules'], true);
  if (list && Array.isArray(list.items)) {
    list.items = list.items.filter((item) => !names.includes(String(item?.value ?? item)));
  }
  await writeFile(copiedFile, doc.toString());
}

/** A plugin the Framework could load: from the service's own node_modules or next to the oracle. */
function pluginInstalled(name, serviceDir) {
  if (name.startsWith('./') || name.startsWith('../')) return false;
  try {
    createRequire(path.join(serviceDir, 'package.json')).resolve(name, { paths: [serviceDir, slsHome] });
    return true;
  } catch {
    return false;
  }
}

function run(cwd, home) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [slsBin, 'package', '--stage', 'dev', '--region', 'us-east-1'], {
      cwd,
      env: {
        PATH: process.env.PATH,
        HOME: home,
        AWS_ACCESS_KEY_ID: 'AKIAFAKEFAKEFAKEFAKE',
        AWS_SECRET_ACCESS_KEY: 'fake/secret/fake/secret/fake/secret/fake',
        AWS_REGION: 'us-east-1',
        AWS_EC2_METADATA_DISABLED: 'true',
        SLS_TELEMETRY_DISABLED: '1',
        SLS_NOTIFICATIONS_MODE: 'off',
        SLS_DEPRECATION_DISABLE: '*',
        SLS_INTERACTIVE_SETUP_DISABLE: '1',
        CI: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    const timer = setTimeout(() => {
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
      resolve({ code: 'timeout', output });
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

// ---- rendering CloudFormation values the way fnguard's RenderedValue does (Fn::Sub syntax) ----

function render(value) {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    if ('Ref' in value) return `\${${value.Ref}}`;
    if ('Fn::GetAtt' in value) {
      const target = value['Fn::GetAtt'];
      return `\${${Array.isArray(target) ? target.map(render).join('.') : render(target)}}`;
    }
    if ('Fn::Sub' in value) {
      const sub = value['Fn::Sub'];
      if (typeof sub === 'string') return sub;
      if (Array.isArray(sub) && typeof sub[0] === 'string') {
        const vars = sub[1] ?? {};
        return sub[0].replace(/\$\{([^}!]+)\}/g, (m, name) => (name in vars ? render(vars[name]) : m));
      }
    }
    if ('Fn::Join' in value && Array.isArray(value['Fn::Join'])) {
      const [sep, parts] = value['Fn::Join'];
      if (Array.isArray(parts)) return parts.map(render).join(sep);
    }
    if ('Fn::ImportValue' in value) return `\${ImportValue:${render(value['Fn::ImportValue'])}}`;
  }
  return JSON.stringify(value);
}

function list(value) {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** Logical id of the function a CloudFormation value points at (`!GetAtt F.Arn`, `!Ref F`, `F:alias`). */
function functionTarget(value, functionIds) {
  const rendered = render(value);
  for (const match of rendered.matchAll(/\$\{([A-Za-z0-9]+)/g)) if (functionIds.has(match[1])) return match[1];
  // Custom resources (existing S3 buckets, Cognito pools) name the function instead of referencing it.
  return functionIds.byName?.get(rendered);
}

// ---- facts ----

function restPaths(resources) {
  const paths = new Map();
  const pathOf = (id, guard = 0) => {
    if (paths.has(id)) return paths.get(id);
    const r = resources[id];
    if (!r || r.Type !== 'AWS::ApiGateway::Resource' || guard > 50) return '';
    const parent = r.Properties?.ParentId;
    const parentId = parent?.Ref ?? undefined;
    const prefix = parentId ? pathOf(parentId, guard + 1) : '';
    const full = `${prefix}/${r.Properties?.PathPart ?? ''}`;
    paths.set(id, full);
    return full;
  };
  return (parentRef) => {
    const id = parentRef?.Ref;
    return id ? pathOf(id) || '/' : '/';
  };
}

function restAuth(method, resources) {
  const type = String(method.AuthorizationType ?? 'NONE').toUpperCase();
  const auth = { type: 'none' };
  if (type === 'AWS_IAM') auth.type = 'iam';
  else if (type === 'COGNITO_USER_POOLS') auth.type = 'cognito';
  else if (type === 'CUSTOM') auth.type = 'lambda';
  if (method.AuthorizerId) {
    const id = method.AuthorizerId.Ref;
    const authorizer = id ? resources[id] : undefined;
    if (authorizer?.Properties?.Type === 'COGNITO_USER_POOLS') auth.type = 'cognito';
    if (authorizer?.Properties?.Name) auth.authorizer = String(authorizer.Properties.Name);
  }
  if (method.ApiKeyRequired === true) auth.apiKeyRequired = true;
  return auth;
}

function httpApiAuth(route, resources) {
  const type = String(route.AuthorizationType ?? 'NONE').toUpperCase();
  const auth = { type: type === 'JWT' ? 'jwt' : type === 'AWS_IAM' ? 'iam' : type === 'CUSTOM' ? 'lambda' : 'none' };
  const id = route.AuthorizerId?.Ref;
  if (id && resources[id]?.Properties?.Name) auth.authorizer = String(resources[id].Properties.Name);
  return auth;
}

export function extractFacts(template) {
  const resources = template?.Resources ?? {};
  const entries = Object.entries(resources);
  const functionIds = new Set(entries.filter(([, r]) => r?.Type === 'AWS::Lambda::Function').map(([id]) => id));
  functionIds.byName = new Map([...functionIds].map((id) => [render(resources[id].Properties?.FunctionName), id]));
  const triggers = new Map([...functionIds].map((id) => [id, []]));
  const add = (fn, trigger) => { if (fn && triggers.has(fn)) triggers.get(fn).push(trigger); };
  const restPath = restPaths(resources);
  const integrations = new Map();
  const wsApis = new Set(entries.filter(([, r]) => r?.Type === 'AWS::ApiGatewayV2::Api' && r.Properties?.ProtocolType === 'WEBSOCKET').map(([id]) => id));

  for (const [id, r] of entries) {
    if (r?.Type === 'AWS::ApiGatewayV2::Integration') integrations.set(id, functionTarget(r.Properties?.IntegrationUri, functionIds));
  }
  for (const [, r] of entries) {
    const p = r?.Properties ?? {};
    switch (r?.Type) {
      case 'AWS::ApiGateway::Method': {
        const fn = functionTarget(p.Integration?.Uri, functionIds);
        add(fn, { kind: 'http-rest', path: restPath(p.ResourceId), method: String(p.HttpMethod).toUpperCase(), auth: restAuth(p, resources) });
        break;
      }
      case 'AWS::ApiGatewayV2::Route': {
        const target = render(p.Target).match(/integrations\/\$\{([A-Za-z0-9]+)\}/)?.[1];
        const fn = target ? integrations.get(target) : undefined;
        if (wsApis.has(p.ApiId?.Ref)) {
          add(fn, { kind: 'websocket', path: String(p.RouteKey) });
        } else {
          const key = String(p.RouteKey);
          const [method, ...rest] = key.split(' ');
          add(fn, { kind: 'http-api', path: key === '$default' ? '$default' : rest.join(' '), method: key === '$default' ? 'ANY' : method.replace('*', 'ANY').toUpperCase(), auth: httpApiAuth(p, resources) });
        }
        break;
      }
      case 'AWS::Lambda::EventSourceMapping': {
        const arn = render(p.EventSourceArn);
        let kind = 'other';
        if (/sqs|Queue/i.test(arn)) kind = 'sqs';
        else if (/dynamodb|StreamArn|Table/i.test(arn)) kind = 'dynamodb-stream';
        else if (/kinesis/i.test(arn)) kind = 'kinesis';
        add(functionTarget(p.FunctionName, functionIds), { kind });
        break;
      }
      case 'AWS::Events::Rule': {
        const kind = p.ScheduleExpression ? 'schedule' : 'eventbridge';
        for (const target of list(p.Targets)) add(functionTarget(target?.Arn, functionIds), { kind });
        break;
      }
      case 'AWS::SNS::Subscription':
        if (p.Protocol === 'lambda') add(functionTarget(p.Endpoint, functionIds), { kind: 'sns' });
        break;
      case 'AWS::SNS::Topic':
        for (const sub of list(p.Subscription)) if (sub?.Protocol === 'lambda') add(functionTarget(sub.Endpoint, functionIds), { kind: 'sns' });
        break;
      case 'AWS::S3::Bucket':
        for (const c of list(p.NotificationConfiguration?.LambdaConfigurations)) add(functionTarget(c?.Function, functionIds), { kind: 's3' });
        break;
      case 'Custom::S3':
        for (const c of list(p.BucketConfigs)) add(functionTarget(p.FunctionName ?? c?.FunctionName, functionIds), { kind: 's3' });
        break;
      case 'AWS::Cognito::UserPool':
        for (const value of Object.values(p.LambdaConfig ?? {})) add(functionTarget(value, functionIds), { kind: 'cognito' });
        break;
      case 'Custom::CognitoUserPool':
        add(functionTarget(p.FunctionName, functionIds), { kind: 'cognito' });
        break;
      case 'AWS::IoT::TopicRule':
        for (const action of list(p.TopicRulePayload?.Actions)) add(functionTarget(action?.Lambda?.FunctionArn, functionIds), { kind: 'iot' });
        break;
      case 'AWS::Logs::SubscriptionFilter':
        add(functionTarget(p.DestinationArn, functionIds), { kind: 'other', source: 'cloudwatchLog' });
        break;
      case 'AWS::Lambda::Url':
        add(functionTarget(p.TargetFunctionArn, functionIds), { kind: 'function-url', auth: { type: p.AuthType === 'AWS_IAM' ? 'iam' : 'none' } });
        break;
      case 'AWS::ElasticLoadBalancingV2::TargetGroup':
        for (const t of list(p.Targets)) add(functionTarget(t?.Id, functionIds), { kind: 'alb' });
        break;
      case 'AWS::Lambda::Permission': {
        const principal = render(p.Principal);
        if (/alexa-appkit|alexa-connectedhome/.test(principal)) add(functionTarget(p.FunctionName, functionIds), { kind: 'other', source: 'alexa' });
        break;
      }
      default:
        break;
    }
  }

  const functions = [...functionIds].sort().map((id) => {
    const p = resources[id].Properties ?? {};
    const environment = {};
    for (const [name, value] of Object.entries(p.Environment?.Variables ?? {})) {
      environment[name] = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
    }
    const fact = {
      logicalId: id,
      name: typeof p.FunctionName === 'string' ? p.FunctionName : render(p.FunctionName),
      runtime: p.Runtime,
      memorySize: p.MemorySize,
      timeout: p.Timeout,
      environment,
      role: render(p.Role),
      triggers: triggers.get(id).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    };
    return fact;
  });

  const roleStatements = [];
  for (const [id, r] of entries) {
    if (r?.Type !== 'AWS::IAM::Role') continue;
    for (const policy of list(r.Properties?.Policies)) {
      for (const st of list(policy?.PolicyDocument?.Statement)) {
        roleStatements.push({
          role: id,
          effect: st.Effect,
          actions: list(st.Action).map(render).sort(),
          resources: list(st.Resource).map(render).sort(),
        });
      }
    }
  }
  return { functions, roleStatements };
}

/**
 * The corpus keeps configuration only, and packaging refuses to build empty zips: placeholder
 * files where the handlers and artifacts would be let the Framework get to the template.
 */
async function plantPlaceholders(serviceDir, config) {
  const wanted = new Set();
  const functions = config?.functions && typeof config.functions === 'object' && !Array.isArray(config.functions) ? Object.values(config.functions) : [];
  for (const fn of functions) {
    const handler = typeof fn?.handler === 'string' && !fn.handler.includes('${') ? fn.handler : undefined;
    if (handler) {
      const dot = handler.lastIndexOf('.');
      const base = dot > handler.lastIndexOf('/') ? handler.slice(0, dot) : handler;
      for (const candidate of [base, `${base}.js`, `${base}.py`]) wanted.add(candidate);
    }
    const artifact = fn?.package?.artifact;
    if (typeof artifact === 'string' && !artifact.includes('${')) wanted.add(artifact);
  }
  const layers = config?.layers && typeof config.layers === 'object' ? Object.values(config.layers) : [];
  for (const layer of layers) {
    if (typeof layer?.path === 'string' && !layer.path.includes('${')) wanted.add(path.posix.join(layer.path, 'placeholder.txt'));
  }
  const artifact = config?.package?.artifact;
  if (typeof artifact === 'string' && !artifact.includes('${')) wanted.add(artifact);
  for (const rel of wanted) {
    const target = path.resolve(serviceDir, rel);
    if (!target.startsWith(serviceDir + path.sep) || /^[a-z]+:\/\//i.test(rel)) continue;
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, '', { flag: 'wx' }).catch(() => undefined);
  }
}

async function recordOne(file, version) {
  const rel = path.relative(corpus, file).split(path.sep).join('/');
  const slug = slugOf(rel);
  const base = { file: rel, oracle: `serverless@${version}`, command: 'sls package --stage dev --region us-east-1' };
  let config;
  try {
    config = parseYaml(await readFile(file, 'utf8'), { uniqueKeys: false, logLevel: 'silent' });
  } catch (error) {
    return { slug, fact: { ...base, status: 'skipped', reason: `unparseable: ${String(error.message).split('\n')[0]}` } };
  }
  const missing = pluginsOf(config).filter((plugin) => !pluginInstalled(String(plugin), path.dirname(file)));
  const blocking = missing.filter((plugin) => !PACKAGING_ONLY.has(String(plugin)));
  if (blocking.length > 0) return { slug, fact: { ...base, status: 'skipped', reason: `plugins not installed: ${blocking.join(', ')}` } };
  if (missing.length > 0) base.strippedPlugins = missing.map(String);
  const provider = typeof config?.provider === 'string' ? config.provider : config?.provider?.name;
  if (provider !== 'aws') return { slug, fact: { ...base, status: 'skipped', reason: `provider ${provider}` } };

  const work = await mkdtemp(path.join(os.tmpdir(), 'sls-oracle-run-'));
  try {
    const serviceDir = path.join(work, 'service');
    await cp(path.dirname(file), serviceDir, { recursive: true });
    await plantPlaceholders(serviceDir, config);
    if (base.strippedPlugins) await stripPlugins(path.join(serviceDir, path.basename(file)), base.strippedPlugins);
    const home = path.join(work, 'home');
    await mkdir(home);
    const started = Date.now();
    const { code, output } = await run(serviceDir, home);
    const seconds = Math.round((Date.now() - started) / 100) / 10;
    if (code !== 0) {
      const reason = code === 'timeout' ? 'timeout' : (output.match(/Error:\s*\n?([^\n]*)/)?.[1] ?? output.slice(-300)).trim();
      return { slug, fact: { ...base, status: 'error', seconds, reason: reason.replace(/\s+/g, ' ').slice(0, 400) } };
    }
    const template = JSON.parse(await readFile(path.join(serviceDir, '.serverless', 'cloudformation-template-update-stack.json'), 'utf8'));
    return { slug, fact: { ...base, status: 'ok', seconds, ...extractFacts(template) } };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function main() {
  const pkg = JSON.parse(await readFile(path.join(slsHome, 'node_modules', 'serverless', 'package.json'), 'utf8'));
  await mkdir(outDir, { recursive: true });
  let files = (await findServiceFiles(corpus)).filter((f) => !only || f.includes(only));
  if (args.get('redo') === 'skipped') {
    // Re-record only what an earlier run skipped, e.g. after the plugin policy changed.
    const previous = async (f) => {
      const recorded = path.join(outDir, `${slugOf(path.relative(corpus, f).split(path.sep).join('/'))}.json`);
      return JSON.parse(await readFile(recorded, 'utf8').catch(() => '{}')).status;
    };
    const statuses = await Promise.all(files.map(previous));
    files = files.filter((_, i) => statuses[i] === 'skipped' || statuses[i] === undefined);
  }
  const summary = { ok: 0, skipped: 0, error: 0 };
  for (const file of files) {
    const { slug, fact } = await recordOne(file, pkg.version).catch((error) => ({
      slug: slugOf(path.relative(corpus, file).split(path.sep).join('/')),
      fact: { file: path.relative(corpus, file), status: 'error', reason: `recorder: ${String(error?.message ?? error)}` },
    }));
    summary[fact.status]++;
    await writeFile(path.join(outDir, `${slug}.json`), `${JSON.stringify(fact, null, 1)}\n`);
    console.log(`${fact.status.padEnd(7)} ${fact.file}${fact.reason ? ` (${fact.reason.slice(0, 120)})` : ''}`);
  }
  console.log(JSON.stringify(summary));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
