import { inspect } from 'node:util';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { awsError, dummyClientConfig, SM_GET, SSM_GET, startAwsJsonServer, type AwsJsonServer } from '../../test/helpers/aws-json-server.js';
import { captureLogger, httpEvent, lambdaContext, run, sqsEvent } from '../../test/helpers/lambda.js';
import { secrets } from './middleware.js';
import { SecretsUnavailableError, type SecretsOptions } from './types.js';

let aws: AwsJsonServer;
beforeAll(async () => { aws = await startAwsJsonServer(); });
afterAll(() => aws.close());
beforeEach(() => { aws.routes.clear(); aws.requests.length = 0; });

function smValue(value: string | ((id: string) => string), delayMs = 0) {
  aws.routes.set(SM_GET, (input) => ({ delayMs, body: { ARN: `arn:aws:secretsmanager:eu-west-1:1:secret:${input.SecretId}`, Name: input.SecretId, SecretString: typeof value === 'function' ? value(String(input.SecretId)) : value, VersionId: 'v1' } }));
}

function make(options: Partial<SecretsOptions>) {
  const { logger, events } = captureLogger();
  const mw = secrets({ clientConfig: dummyClientConfig, endpoints: { secretsManager: aws.url, ssm: aws.url }, logger, ...options } as SecretsOptions);
  const invoke = async (event: unknown = httpEvent()) => {
    const context = lambdaContext();
    const result = await run(mw, event, context);
    return { ...result, context, secrets: context.secrets as Record<string, unknown> };
  };
  return { invoke, events };
}

function clock(start = 1_700_000_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => { t += ms; } };
}

/** Polls until a background effect shows up, so a slow machine does not turn into a flaky failure. */
async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
}

describe('secrets: fetching', () => {
  it('reads a Secrets Manager string over the JSON protocol and exposes it on context.secrets', async () => {
    smValue('s3cr3t-pw');
    const { invoke } = make({ db: { secretsManager: 'prod/db', versionStage: 'AWSCURRENT' } });
    const r = await invoke();
    expect(r.secrets.db).toBe('s3cr3t-pw');
    const req = aws.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.headers['x-amz-target']).toBe('secretsmanager.GetSecretValue');
    expect(req.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(JSON.parse(req.body)).toEqual({ SecretId: 'prod/db', VersionStage: 'AWSCURRENT' });
  });

  it('parses JSON secrets when asked, globally or per secret', async () => {
    smValue((id) => (id === 'prod/db' ? '{"user":"app","password":"pw"}' : 'plain-text'));
    const { invoke } = make({ json: true, db: { secretsManager: 'prod/db' }, token: { secretsManager: 'prod/token', json: false } });
    const r = await invoke();
    expect(r.secrets.db).toEqual({ user: 'app', password: 'pw' });
    expect(r.secrets.token).toBe('plain-text');
  });

  it('returns binary secrets as a Buffer', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255, 10]);
    aws.routes.set(SM_GET, () => ({ body: { Name: 'bin', SecretBinary: bytes.toString('base64') } }));
    const { invoke } = make({ key: { secretsManager: 'bin' } });
    const value = (await invoke()).secrets.key;
    expect(Buffer.isBuffer(value)).toBe(true);
    expect((value as Buffer).equals(bytes)).toBe(true);
  });

  it('reads SSM parameters, decrypting by default', async () => {
    aws.routes.set(SSM_GET, (input) => ({ body: { Parameter: { Name: input.Name, Type: 'SecureString', Value: `value-of-${String(input.Name)}`, Version: 3 } } }));
    const { invoke } = make({ key: { ssm: '/app/key' }, plain: { ssm: '/app/plain', decrypt: false } });
    const r = await invoke();
    expect(r.secrets).toEqual({ key: 'value-of-/app/key', plain: 'value-of-/app/plain' });
    expect(aws.calls(SSM_GET)).toEqual(expect.arrayContaining([{ Name: '/app/key', WithDecryption: true }, { Name: '/app/plain', WithDecryption: false }]));
  });

  it('treats setting names as settings even when they look like a spec', async () => {
    smValue('via-endpoint');
    const mw = secrets({ clientConfig: dummyClientConfig, endpoints: { secretsManager: aws.url }, db: { secretsManager: 'prod/db' } });
    const context = lambdaContext();
    await run(mw, httpEvent(), context);
    expect(context.secrets).toEqual({ db: 'via-endpoint' });
  });

  it('accepts a ready-made client', async () => {
    smValue('from-own-client');
    const client = new SecretsManagerClient({ ...dummyClientConfig, endpoint: aws.url });
    const mw = secrets({ clients: { secretsManager: client }, db: { secretsManager: 'x' } });
    const context = lambdaContext();
    await run(mw, httpEvent(), context);
    expect((context.secrets as Record<string, unknown>).db).toBe('from-own-client');
  });

  it('never writes to process.env and keeps values out of serialised or inspected contexts', async () => {
    smValue('very-secret-value');
    const before = JSON.stringify(process.env);
    const r = await make({ db: { secretsManager: 'prod/db' } }).invoke();
    expect(JSON.stringify(process.env)).toBe(before);
    expect(r.secrets.db).toBe('very-secret-value');
    expect(JSON.stringify(r.context)).not.toContain('very-secret-value');
    expect(JSON.stringify(r.secrets)).toBe('{"db":"[REDACTED]"}');
    expect(inspect(r.secrets)).not.toContain('very-secret-value');
    expect(() => { (r.secrets as Record<string, unknown>).db = 'x'; }).toThrow(TypeError);
  });
});

describe('secrets: caching', () => {
  it('coalesces concurrent first calls into one request', async () => {
    smValue('pw', 80);
    const { invoke } = make({ db: { secretsManager: 'prod/db' } });
    const results = await Promise.all(Array.from({ length: 25 }, () => invoke()));
    expect(results.every((r) => r.secrets.db === 'pw')).toBe(true);
    expect(aws.calls(SM_GET)).toHaveLength(1);
  });

  it('serves from memory within the TTL', async () => {
    smValue('pw');
    const c = clock();
    const { invoke } = make({ ttl: 60, now: c.now, db: { secretsManager: 'prod/db' } });
    await invoke();
    c.advance(59_000);
    await invoke();
    expect(aws.calls(SM_GET)).toHaveLength(1);
  });

  it('serves the stale value while exactly one background refresh runs, then the new value', async () => {
    let version = 'v1';
    aws.routes.set(SM_GET, () => ({ delayMs: 300, body: { SecretString: version } }));
    const c = clock();
    const { invoke } = make({ ttl: 60, maxAge: 600, now: c.now, db: { secretsManager: 'prod/db' } });
    expect((await invoke()).secrets.db).toBe('v1');
    version = 'v2';
    c.advance(61_000);
    const stale = await Promise.all(Array.from({ length: 10 }, () => invoke()));
    // The server already answers v2: getting v1 proves nobody waited for the refresh.
    expect(stale.every((r) => r.secrets.db === 'v1')).toBe(true);
    // The refresh lands in the background; stale reads keep working meanwhile and never refetch.
    await eventually(async () => (await invoke()).secrets.db === 'v2');
    expect((await invoke()).secrets.db).toBe('v2');
    expect(aws.calls(SM_GET)).toHaveLength(2);
  });

  it('keeps serving the stale value when a background refresh fails, and reports it without content', async () => {
    smValue('good-value');
    const c = clock();
    const { invoke, events } = make({ ttl: 60, maxAge: 600, now: c.now, db: { secretsManager: 'prod/db' } });
    await invoke();
    aws.routes.set(SM_GET, () => awsError('InternalServiceError', 500, 'boom'));
    c.advance(120_000);
    expect((await invoke()).secrets.db).toBe('good-value');
    await eventually(() => events.length > 0);
    expect(events).toEqual([expect.objectContaining({ type: 'secrets.error', secret: 'db', stale: true, errorName: 'InternalServiceError', httpStatus: 500 })]);
    expect(JSON.stringify(events)).not.toContain('good-value');
  });

  it('never serves a value past maxAge: the call waits for a fresh fetch', async () => {
    smValue('old');
    const c = clock();
    const { invoke, events } = make({ ttl: 60, maxAge: 300, now: c.now, db: { secretsManager: 'prod/db' } });
    await invoke();
    c.advance(301_000);
    aws.routes.set(SM_GET, () => awsError('AccessDeniedException'));
    const r = await invoke();
    expect(r.response.statusCode).toBe(503);
    expect(r.context.secrets).toBeUndefined();
    expect(events[0]).toMatchObject({ type: 'secrets.error', stale: false, errorName: 'AccessDeniedException' });
    smValue('new');
    expect((await invoke()).secrets.db).toBe('new');
  });
});

describe('secrets: failures', () => {
  it('fails an HTTP invocation with a generic 503 and a secrets.error event when nothing is cached', async () => {
    aws.routes.set(SM_GET, () => awsError('ResourceNotFoundException', 400, "Secrets Manager can't find the specified secret."));
    const { invoke, events } = make({ db: { secretsManager: 'prod/db' } });
    const r = await invoke();
    expect(r.shortCircuited).toBe(true);
    expect(r.response.statusCode).toBe(503);
    expect(r.response.body).not.toMatch(/prod\/db|Secrets Manager/);
    expect(events).toEqual([expect.objectContaining({ type: 'secrets.error', level: 'error', secret: 'db', service: 'secretsmanager', errorName: 'ResourceNotFoundException' })]);
  });

  it('throws SecretsUnavailableError for non-HTTP events and does not cache the failure', async () => {
    aws.routes.set(SM_GET, () => awsError('AccessDeniedException'));
    const { invoke } = make({ db: { secretsManager: 'prod/db' } });
    await expect(invoke(sqsEvent)).rejects.toBeInstanceOf(SecretsUnavailableError);
    smValue('pw');
    expect((await invoke(sqsEvent)).secrets.db).toBe('pw');
  });

  it('fails when any one of several secrets is unavailable', async () => {
    smValue('ok');
    aws.routes.set(SSM_GET, () => awsError('ParameterNotFound'));
    const { invoke, events } = make({ db: { secretsManager: 'prod/db' }, key: { ssm: '/missing' } });
    expect((await invoke()).response.statusCode).toBe(503);
    expect(events.map((e) => [e.secret, e.errorName])).toEqual([['key', 'ParameterNotFound']]);
  });

  it('reports malformed JSON without quoting it', async () => {
    smValue('{"password": "hunter2", oops');
    const { invoke, events } = make({ json: true, db: { secretsManager: 'prod/db' } });
    expect((await invoke()).response.statusCode).toBe(503);
    expect(events[0]).toMatchObject({ errorName: 'InvalidJson' });
    expect(JSON.stringify(events)).not.toContain('hunter2');
  });

  it('gives up on a hung endpoint after fetchTimeoutMs', async () => {
    smValue('late', 3000);
    const { invoke, events } = make({ fetchTimeoutMs: 150, db: { secretsManager: 'prod/db' } });
    const started = Date.now();
    expect((await invoke()).response.statusCode).toBe(503);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(events[0]).toMatchObject({ reason: 'timeout' });
  });

  it('treats a response without a value as a failure', async () => {
    aws.routes.set(SM_GET, () => ({ body: { Name: 'x' } }));
    aws.routes.set(SSM_GET, () => ({ body: { Parameter: { Name: '/x' } } }));
    const sm = make({ db: { secretsManager: 'x' } });
    expect((await sm.invoke()).response.statusCode).toBe(503);
    expect(sm.events[0]).toMatchObject({ reason: 'empty' });
    const ssm = make({ p: { ssm: '/x' } });
    expect((await ssm.invoke()).response.statusCode).toBe(503);
  });

  it.each<[string, Record<string, unknown>]>([
    ['an unknown option or malformed spec', { db: { secretsManager: 'a' }, bogus: { arn: 'x' } }],
    ['a spec naming both sources', { db: { secretsManager: 'a', ssm: '/b' } }],
    ['an empty id', { db: { ssm: '' } }],
    ['no secrets', { ttl: 5 }],
    ['ttl above maxAge', { ttl: 600, maxAge: 60, db: { ssm: '/a' } }],
    ['a negative ttl', { ttl: -1, db: { ssm: '/a' } }],
    ['a reserved name', { toJSON: { ssm: '/a' } }],
  ])('refuses %s', (_name, options) => {
    expect(() => secrets(options as SecretsOptions)).toThrow(TypeError);
  });
});
