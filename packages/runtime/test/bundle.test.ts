/**
 * The package as users get it: the esbuild bundle behind package.json "exports", loaded by Node's
 * own ES module loader in a child process (Vitest would transform it), through the package name.
 * Runs after `npm run build`, which `npm test` does first.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const BUNDLE_DIR = path.join(PACKAGE_DIR, 'dist', 'bundle');
const built = existsSync(path.join(BUNDLE_DIR, 'index.js'));
const ENTRIES = ['index', 'middy', 'auth', 'inspect', 'ratelimit', 'secrets', 'egress'];

/** Relative files a bundle file imports statically (`import {..} from "./x.js"`, `import "./x.js"`). */
function staticImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const specifiers = [...source.matchAll(/^(?:import|export)\s(?:[^"';]*?\sfrom\s)?"(\.[^"]+)";?$/gm)].map((match) => match[1]!);
  return specifiers.map((specifier) => path.resolve(path.dirname(file), specifier));
}

/** Every file Node loads for `import(file)` before any dynamic import runs. */
function staticGraph(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const imported of staticImports(file)) staticGraph(imported, seen);
  return seen;
}

/** Runs an ES module script in a fresh Node process from the workspace root and parses its JSON output. */
function runScript(body: string): any {
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', body], { cwd: path.join(PACKAGE_DIR, '..', '..'), encoding: 'utf8' });
  return JSON.parse(output);
}

const HTTP_EVENT = (query: Record<string, string>, body?: string) => JSON.stringify({
  version: '2.0', routeKey: 'POST /items', rawPath: '/items', headers: { 'content-type': 'application/json' },
  queryStringParameters: query, ...(body === undefined ? {} : { body }),
  requestContext: { domainName: 'abc.execute-api.eu-west-1.amazonaws.com', http: { method: 'POST', path: '/items', sourceIp: '203.0.113.7' } },
});
const CONTEXT = `{ awsRequestId: 'req-1', functionName: 'fn', getRemainingTimeInMillis: () => 30000 }`;

describe.skipIf(!built)('published bundle', () => {
  it('loads two files for the main entry: itself and the one chunk every other entry shares', () => {
    const main = staticGraph(path.join(BUNDLE_DIR, 'index.js'));
    expect(main.size).toBe(2);
    const [, coreChunk] = [...main];
    expect(path.relative(BUNDLE_DIR, coreChunk!)).toMatch(/^chunks\/chunk-\w+\.js$/);
    // one copy of the core for every entry: a protection loaded later shares its state and classes
    for (const entry of ENTRIES) expect(staticGraph(path.join(BUNDLE_DIR, `${entry}.js`)).has(coreChunk!), entry).toBe(true);
  });

  it('keeps the protections out of the main entry until they are asked for', () => {
    const loaded = [...staticGraph(path.join(BUNDLE_DIR, 'index.js'))].map((file) => readFileSync(file, 'utf8')).join('\n');
    expect(loaded).not.toMatch(/^\/\/ packages\/runtime\/dist\/(inspect|auth|ratelimit|secrets|egress)\//m);
    expect(loaded).toMatch(/^\/\/ packages\/runtime\/dist\/core\/guard\.js$/m);
  });

  it('guards a handler through the package name: inspection loads on demand and blocks, validation rejects', () => {
    const result = runScript(`
      const { guard } = await import('@fnguard/runtime');
      const silent = { write() {} };
      const handler = guard(async () => ({ statusCode: 200, body: 'ok' }), {
        inspect: { mode: 'block' },
        validate: { body: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } },
        log: { destination: silent },
      });
      const context = ${CONTEXT};
      const attack = await handler(${HTTP_EVENT({ id: "1' OR '1'='1" }, '{"name":"a"}')}, context);
      const invalid = await handler(${HTTP_EVENT({ id: '42' }, '{"name":7}')}, context);
      const fine = await handler(${HTTP_EVENT({ id: '42' }, '{"name":"widget"}')}, context);
      process.stdout.write(JSON.stringify({ attack: attack.statusCode, invalid: invalid.statusCode, fine: fine.statusCode }));
    `);
    expect(result).toEqual({ attack: 403, invalid: 400, fine: 200 });
  });

  it('gives Middy users the same protections through @fnguard/runtime/middy', () => {
    const result = runScript(`
      const { default: middy } = await import('@middy/core');
      const { middlewares, createSecurityLogger } = await import('@fnguard/runtime/middy');
      const logger = createSecurityLogger({ destination: { write() {} } });
      const handler = middy(async () => ({ statusCode: 200, body: 'ok' })).use(middlewares.inspect({ mode: 'block', logger }));
      const context = ${CONTEXT};
      const attack = await handler(${HTTP_EVENT({ file: '../../../../etc/passwd' })}, context);
      const fine = await handler(${HTTP_EVENT({ file: 'report.pdf' })}, context);
      process.stdout.write(JSON.stringify({ attack: attack.statusCode, fine: fine.statusCode }));
    `);
    expect(result).toEqual({ attack: 403, fine: 200 });
  });

  it('exports each protection on its own subpath', () => {
    const result = runScript(`
      const names = {};
      for (const [subpath, name] of [['auth', 'jwtAuth'], ['inspect', 'inspection'], ['ratelimit', 'rateLimit'], ['secrets', 'secrets'], ['egress', 'egressGuard']]) {
        names[subpath] = typeof (await import('@fnguard/runtime/' + subpath))[name];
      }
      process.stdout.write(JSON.stringify(names));
    `);
    expect(result).toEqual({ auth: 'function', inspect: 'function', ratelimit: 'function', secrets: 'function', egress: 'function' });
  });
});
