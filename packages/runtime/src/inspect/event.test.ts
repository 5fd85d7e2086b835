import { describe, expect, it } from 'vitest';
import { inspectEvent, inspectEventReport } from './event.js';
import { inspectKey, inspectValue } from './value.js';

function httpV2(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/items',
    rawQueryString: '',
    headers: { host: 'api.example.com', 'user-agent': 'Mozilla/5.0' },
    requestContext: { domainName: 'api.example.com', http: { method: 'GET', path: '/items' } },
    isBase64Encoded: false,
    ...overrides,
  };
}

function restV1(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    resource: '/items',
    path: '/items',
    httpMethod: 'GET',
    headers: { Host: 'api.example.com' },
    multiValueHeaders: { Host: ['api.example.com'] },
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    requestContext: { resourcePath: '/items', httpMethod: 'GET' },
    body: null,
    isBase64Encoded: false,
    ...overrides,
  };
}

describe('inspectEvent: HTTP shapes', () => {
  it('finds payloads in v2 raw query strings, including bracketed operator names', () => {
    const found = inspectEvent(httpV2({ rawQueryString: 'username[$ne]=toto&id=1%27%20OR%20%271%27%3D%271' }));
    expect(found.map((d) => `${d.family}@${d.path}`).sort()).toEqual(['nosqli@queryStringParameters.username[$ne]', 'sqli@queryStringParameters.id']);
  });

  it('reads multi-value query parameters (REST / ALB)', () => {
    const found = inspectEvent(restV1({ queryStringParameters: { q: 'b' }, multiValueQueryStringParameters: { q: ['a', '../../etc/passwd'] } }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ family: 'lfi', location: 'query', path: 'queryStringParameters.q' });
  });

  it('inspects single-value query parameters even when the multi-value map disagrees (REST / ALB)', () => {
    // the handler reads `queryStringParameters`; a benign multi-value map must not hide it
    const found = inspectEvent(restV1({ queryStringParameters: { q: '../../etc/passwd' }, multiValueQueryStringParameters: { q: ['a'] } }));
    expect(found.map((d) => `${d.family}@${d.path}`)).toEqual(['lfi@queryStringParameters.q']);
    const alb = inspectEvent({ requestContext: { elb: { targetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:123:targetgroup/x/y' } }, httpMethod: 'GET', path: '/', queryStringParameters: { id: "1' OR '1'='1" }, multiValueQueryStringParameters: { id: ['1'] }, headers: {}, body: '', isBase64Encoded: false });
    expect(alb.map((d) => d.family)).toEqual(['sqli']);
  });

  it('inspects the parsed query of v2 events next to the raw string, and identical values once', () => {
    const joined = inspectEvent(httpV2({ rawQueryString: 'q=a', queryStringParameters: { q: '<script>alert(1)</script>' } }));
    expect(joined.map((d) => `${d.family}@${d.path}`)).toEqual(['xss@queryStringParameters.q']);
    const same = inspectEventReport(restV1({ queryStringParameters: { q: '../../etc/passwd' }, multiValueQueryStringParameters: { q: ['../../etc/passwd'] } }));
    expect(same.detections).toHaveLength(1);
    const once = inspectEventReport(restV1({ multiValueQueryStringParameters: { q: ['../../etc/passwd'] } }));
    expect(same.bytesInspected).toBe(once.bytesInspected);
  });

  it('inspects every repeated query value, however many come before the payload', () => {
    const raw = `${Array.from({ length: 100 }, (_, i) => `a=v${i}`).join('&')}&a=${encodeURIComponent('../../etc/passwd')}`;
    expect(inspectEvent(httpV2({ rawQueryString: raw })).map((d) => d.family)).toEqual(['lfi']);
  });

  it('inspects single-value headers when the multi-value map disagrees', () => {
    const found = inspectEvent(restV1({ headers: { Referer: "x' UNION SELECT password FROM users--" }, multiValueHeaders: { Referer: ['https://example.com/'] } }));
    expect(found.map((d) => d.family)).toEqual(['sqli']);
  });

  it('decodes base64 JSON bodies and walks keys and nested values', () => {
    // written as text: a `__proto__` key in an object literal would set the prototype instead
    const json = '{"user":{"name":"x","__proto__":{"admin":true}},"url":"http://169.254.169.254/latest/"}';
    const body = Buffer.from(json).toString('base64');
    const found = inspectEvent(httpV2({ body, isBase64Encoded: true, headers: { 'content-type': 'application/json' } }));
    expect(found.map((d) => d.family).sort()).toEqual(['proto', 'ssrf']);
    expect(found.find((d) => d.family === 'ssrf')?.path).toBe('body.url');
  });

  it('parses form and multipart bodies', () => {
    const form = inspectEvent(httpV2({ body: 'name=bob&cmd=%3Bcat%20%2Fetc%2Fpasswd', headers: { 'content-type': 'application/x-www-form-urlencoded' } }));
    expect(form.map((d) => d.path)).toContain('body.cmd');
    const boundary = 'b0undary';
    const multipart = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="../../etc/passwd"\r\n\r\nhello\r\n--${boundary}--\r\n`;
    const found = inspectEvent(httpV2({ body: multipart, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }));
    expect(found.map((d) => `${d.family}@${d.path}`)).toEqual(['lfi@body.file.filename']);
  });

  it('inspects free-text headers and cookies, skips negotiation headers and credentials', () => {
    const found = inspectEvent(httpV2({
      headers: { 'user-agent': '() { :;}; /bin/bash -c id', accept: '*/*;q=0.8', authorization: "Basic ' OR 1=1--", referer: 'https://example.com/' },
      cookies: ['session=abc', 'pref=<script>alert(1)</script>'],
    }));
    expect(found.map((d) => `${d.family}@${d.path}`).sort()).toEqual(['cmdi@headers.user-agent', 'lfi@headers.user-agent', 'xss@cookies.pref']);
  });

  it('skips binary bodies', () => {
    const body = Buffer.from('<script>alert(1)</script>').toString('base64');
    expect(inspectEvent(httpV2({ body, isBase64Encoded: true, headers: { 'content-type': 'image/png' } }))).toEqual([]);
    expect(inspectEvent(httpV2({ body, isBase64Encoded: true, headers: { 'content-type': 'text/html' } }))).toHaveLength(1);
  });

  it('flags the path but not ordinary routes', () => {
    expect(inspectEvent(httpV2({ rawPath: '/bin/users/42' }))).toEqual([]);
    expect(inspectEvent(httpV2({ rawPath: '/static/..%2f..%2fetc/passwd' }))[0]).toMatchObject({ family: 'lfi', location: 'path' });
  });

  it('leaves allow-listed paths alone', () => {
    const event = httpV2({ rawQueryString: 'html=%3Cscript%3Ex%3C%2Fscript%3E' });
    expect(inspectEvent(event)).toHaveLength(1);
    expect(inspectEvent(event, { allow: { paths: ['queryStringParameters.html'] } })).toEqual([]);
    expect(inspectEvent(event, { allow: { paths: ['queryStringParameters.*'] } })).toEqual([]);
  });

  it('restricts to the requested families', () => {
    const event = httpV2({ rawQueryString: 'a=%3Cscript%3E&b=1%20OR%201%3D1' });
    expect(inspectEvent(event, { families: ['sqli'] }).map((d) => d.family)).toEqual(['sqli']);
  });

  it('passes an ordinary request', () => {
    const event = httpV2({
      rawQueryString: 'page=2&sort=created_at&q=blue+running+shoes',
      body: JSON.stringify({ name: "Dana O'Reilly", note: 'Leave it with the concierge; ring twice.', items: [{ sku: 'A-1', qty: 2 }], price: '$5', website: 'https://example.com' }),
      headers: { 'content-type': 'application/json', 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64)', referer: 'https://shop.example.com/cart?step=2' },
    });
    expect(inspectEvent(event)).toEqual([]);
  });
});

describe('inspectEvent: async sources', () => {
  it('inspects SQS bodies, SNS messages and EventBridge detail', () => {
    const sqs = { Records: [{ eventSource: 'aws:sqs', body: JSON.stringify({ file: '../../../etc/shadow' }) }] };
    expect(inspectEvent(sqs)[0]).toMatchObject({ family: 'lfi', location: 'message', path: 'Records[0].body.file' });
    const sns = { Records: [{ EventSource: 'aws:sns', Sns: { Message: "1; DROP TABLE users", Subject: 'hi' } }] };
    expect(inspectEvent(sns)[0]).toMatchObject({ family: 'sqli', path: 'Records[0].Sns.Message' });
    const bridge = { 'detail-type': 'Order', source: 'shop', detail: { callback: 'http://127.0.0.1:2375/containers/json' } };
    expect(inspectEvent(bridge)[0]).toMatchObject({ family: 'ssrf', path: 'detail.callback' });
  });

  it('walks unknown events generically', () => {
    expect(inspectEvent({ a: { b: ['ok', '$(id)'] } })[0]).toMatchObject({ family: 'cmdi', path: 'a.b[1]' });
  });
});

describe('hostile input', () => {
  it('survives non-objects and non-string values', () => {
    for (const event of [null, undefined, 42, true, 'plain', [], [1, null, { a: 1 }], { body: 12, headers: 'x', rawQueryString: 5 }]) {
      expect(() => inspectEvent(event)).not.toThrow();
    }
    expect(inspectValue(42 as unknown as string)).toEqual([]);
    expect(inspectKey(undefined as unknown as string)).toEqual([]);
  });

  it('survives cycles and throwing getters', () => {
    const cyclic: Record<string, unknown> = { a: 'x' };
    cyclic.self = cyclic;
    const nasty = { get boom(): string { throw new Error('no'); }, ok: '$(id)' };
    expect(() => inspectEvent(cyclic)).not.toThrow();
    expect(inspectEvent(nasty).map((d) => d.family)).toEqual(['cmdi']);
  });

  it('bounds depth, node count and bytes', () => {
    const deep = '{"n":'.repeat(100_000) + '"../../etc/passwd"' + '}'.repeat(100_000);
    const deepReport = inspectEventReport({ body: deep, httpMethod: 'POST', path: '/', requestContext: { resourcePath: '/' } });
    expect(deepReport.truncated).toBe(true);
    expect(deepReport.detections).toEqual([]);

    const wide = { Records: [{ eventSource: 'aws:sqs', body: JSON.stringify(Array.from({ length: 50_000 }, (_, i) => `v${i} text`)) }] };
    const wideReport = inspectEventReport(wide);
    expect(wideReport.truncated).toBe(true);

    const huge = 'A'.repeat(5_000_000) + "' OR 1=1--";
    const started = Date.now();
    const hugeReport = inspectEventReport(httpV2({ body: huge, headers: { 'content-type': 'text/plain' } }), { maxBytes: 64 * 1024 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(hugeReport.bytesInspected).toBeLessThanOrEqual(64 * 1024);
    expect(hugeReport.truncated).toBe(true);
  });

  it('handles invalid base64, invalid percent-encoding and pathological strings', () => {
    expect(() => inspectEvent(httpV2({ body: '%%%not-base64!!', isBase64Encoded: true }))).not.toThrow();
    expect(() => inspectEvent(httpV2({ rawQueryString: 'a=%E0%A4%A&b=%zz&c=%' }))).not.toThrow();
    const patterns = ['(', '$(', '<a ', "'", '{a,', '%2e', '/', '..', '\\', '`', '[', '&#'];
    for (const p of patterns) {
      const value = p.repeat(Math.ceil(8192 / p.length));
      const started = Date.now();
      inspectValue(value);
      expect(Date.now() - started, JSON.stringify(p)).toBeLessThan(1500);
    }
  });
});
