import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GuardRequest, SecurityEvent, SecurityLogger } from '../core/types.js';
import { InspectionRejected, inspection } from './middleware.js';

function request(event: unknown): GuardRequest {
  return { event, context: { awsRequestId: 'req-1' }, response: undefined, error: undefined, internal: {} };
}

function recordingLogger(): SecurityLogger & { events: SecurityEvent[] } {
  const events: SecurityEvent[] = [];
  return { events, event: (e) => { events.push(e); }, log: () => undefined };
}

const attackHttp = {
  version: '2.0',
  rawPath: '/search',
  rawQueryString: 'q=1%27%20OR%20%271%27%3D%271&secret=hunter2',
  headers: { host: 'api.example.com' },
  requestContext: { domainName: 'api.example.com', http: { method: 'GET', path: '/search' } },
};
const cleanHttp = { ...attackHttp, rawQueryString: 'q=blue+shoes' };
const attackSqs = { Records: [{ eventSource: 'aws:sqs', body: '{"path":"../../etc/passwd"}' }] };

afterEach(() => vi.restoreAllMocks());

describe('inspection middleware', () => {
  it('lets clean requests through without logging', async () => {
    const logger = recordingLogger();
    const result = await inspection({ logger }).before!(request(cleanHttp));
    expect(result).toBeUndefined();
    expect(logger.events).toEqual([]);
  });

  it('blocks HTTP attacks with a generic 403 and logs one event without raw values', async () => {
    const logger = recordingLogger();
    const req = request(attackHttp);
    const result = (await inspection({ logger }).before!(req)) as { statusCode: number; body: string };
    expect(result.statusCode).toBe(403);
    expect(JSON.parse(result.body)).toEqual({ message: 'Forbidden', requestId: 'req-1' });
    expect(logger.events).toHaveLength(1);
    const [event] = logger.events;
    expect(event).toMatchObject({ type: 'inspection.hit', mode: 'block', families: ['sqli'], source: 'apigw-http' });
    expect(event!.hits).toEqual([{ family: 'sqli', rule: expect.any(String), location: 'query', path: 'queryStringParameters.q' }]);
    expect(JSON.stringify(event)).not.toContain('OR');
    expect(JSON.stringify(event)).not.toContain('hunter2');
    expect(req.internal.inspection).toBeDefined();
  });

  it('throws InspectionRejected for async sources so the message is retried or dead-lettered', async () => {
    const logger = recordingLogger();
    const middleware = inspection({ logger });
    let thrown: unknown;
    try {
      await middleware.before!(request(attackSqs));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InspectionRejected);
    expect(thrown).toMatchObject({ name: 'InspectionRejected', statusCode: 403, families: ['lfi'] });
    expect(logger.events).toHaveLength(1);
  });

  it('only logs in report mode', async () => {
    const logger = recordingLogger();
    expect(await inspection({ logger, mode: 'report' }).before!(request(attackHttp))).toBeUndefined();
    expect(await inspection({ logger, mode: 'report' }).before!(request(attackSqs))).toBeUndefined();
    expect(logger.events.map((e) => e.mode)).toEqual(['report', 'report']);
  });

  it('honours families and allow-listed paths', async () => {
    const logger = recordingLogger();
    expect(await inspection({ logger, families: ['xss'] }).before!(request(attackHttp))).toBeUndefined();
    expect(await inspection({ logger, allow: { paths: ['queryStringParameters.q'] } }).before!(request(attackHttp))).toBeUndefined();
    expect(logger.events).toEqual([]);
  });

  it('writes one JSON line through the default security logger when used standalone', async () => {
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const result = (await inspection().before!(request(attackHttp))) as { statusCode: number };
    expect(result.statusCode).toBe(403);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.endsWith('\n')).toBe(true);
    expect(JSON.parse(lines[0]!)).toMatchObject({ event: 'inspection.hit', level: 40, requestId: 'req-1', families: ['sqli'], mode: 'block' });
  });

  it('refuses a logger without event() and log() when it is built, not at the first attack', () => {
    expect(() => inspection({ logger: { log() {} } as unknown as SecurityLogger })).toThrow(/logger option must have event\(\) and log\(\)/);
    expect(() => inspection({ logger: recordingLogger() })).not.toThrow();
  });

  it('is usable as a Middy middleware', async () => {
    const { default: middy } = await import('@middy/core');
    type Invoke = (event: unknown, context: unknown) => Promise<{ statusCode: number }>;
    const handler = middy(async () => ({ statusCode: 200, body: 'ok' })).use(inspection({ logger: recordingLogger() }) as Parameters<ReturnType<typeof middy>['use']>[0]) as unknown as Invoke;
    const blocked = await handler(attackHttp, { awsRequestId: 'req-2' });
    expect(blocked.statusCode).toBe(403);
    const passed = await handler(cleanHttp, { awsRequestId: 'req-3' });
    expect(passed.statusCode).toBe(200);
  });
});
