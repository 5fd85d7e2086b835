import { describe, expect, it } from 'vitest';
import { clearInspectionCache, evidenceOf, inspectKey, inspectValue } from './value.js';

describe('inspectValue', () => {
  it('reports one detection per family with location, path and a safe excerpt', () => {
    const [hit, ...rest] = inspectValue("1' UNION SELECT password FROM users--\n" + 'x'.repeat(200), { location: 'body', path: 'body.q' });
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({ family: 'sqli', rule: expect.stringMatching(/^sqli\./), location: 'body', path: 'body.q' });
    expect(hit!.evidence.length).toBeLessThanOrEqual(65);
    expect(hit!.evidence).not.toMatch(/[\n\r]/);
  });

  it('makes control characters visible in evidence', () => {
    expect(evidenceOf('a\nb\u0000c\u2028')).toBe('a\\x0ab\\x00c\\x2028');
  });

  it('only inspects the first maxValueLength characters', () => {
    const late = 'a'.repeat(100) + ' <script>alert(1)</script>';
    expect(inspectValue(late, { maxValueLength: 50 })).toEqual([]);
    expect(inspectValue(late).map((d) => d.family)).toEqual(['xss']);
  });

  it.each([
    "Where's my order? It was supposed to arrive on Monday; please advise.",
    'Union Square, San Francisco, CA 94108',
    'Select Comfort mattress - queen size',
    "Drop ceiling tiles 2'x4' (pack of 10)",
    "I'd like to update my shipping address",
    'Delete from cart',
    'order by price, then by rating',
    'Tom & Jerry; classic cartoons',
    'A | B | C',
    '$19.99 + tax',
    'C:\\Program Files\\MyApp\\config.json',
    '~/Documents/report.pdf',
    '/home/alice/photos',
    'https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s',
    '<p>Hello <strong>world</strong></p>',
    'x < y && y > z',
    'if (a < b) { return a; }',
    "It's 10:30 -- see you",
    'email me: a.b+tag@example.co.uk',
    '{"name":"test","tags":["a","b"]}',
    'node >= 18',
    'kill the lights',
    'javascript is fun',
    'onboarding=complete',
    '192.168.1.1',
    'I forgot my password; help',
    "O'Brien & Sons, Ltd.",
    'Version 2.0.1-beta+build.5',
  ])('passes everyday input %j', (value) => {
    expect(inspectValue(value)).toEqual([]);
  });
});

describe('inspectKey', () => {
  it('judges operator and prototype keys as keys and still inspects names as text', () => {
    expect(inspectKey('__proto__').map((d) => d.rule)).toEqual(['proto.proto-key']);
    expect(inspectKey('user[$ne]').map((d) => d.rule)).toEqual(['nosqli.operator-key']);
    expect(inspectKey("; select").length).toBeGreaterThan(0);
    expect(inspectKey('__\\u0070roto__').map((d) => d.family)).toEqual(['proto']);
    expect(inspectKey('firstName')).toEqual([]);
    expect(inspectKey('items[0][qty]')).toEqual([]);
  });
});

describe('verdict cache', () => {
  it('reuses a verdict with the location and path of each call, per family set and URL-path flag', () => {
    clearInspectionCache();
    const first = inspectValue("1' OR '1'='1", { location: 'query', path: 'queryStringParameters.id' });
    const again = inspectValue("1' OR '1'='1", { location: 'body', path: 'body.id' });
    expect(first.map((d) => d.path)).toEqual(['queryStringParameters.id']);
    expect(again).toEqual([{ ...first[0], location: 'body', path: 'body.id' }]);
    again[0]!.path = 'mutated';
    expect(inspectValue("1' OR '1'='1", { path: 'p' })[0]!.path).toBe('p');
    expect(inspectValue("1' OR '1'='1", { families: ['xss'] })).toEqual([]);
    // a binary path is a route in a URL path and a command elsewhere
    expect(inspectValue('/bin/bash', { isUrlPath: true })).toEqual([]);
    expect(inspectValue('/bin/bash').map((d) => d.family)).toContain('cmdi');
  });
  it('stays bounded under a flood of distinct values', () => {
    for (let i = 0; i < 5000; i++) inspectValue(`value number ${i}`);
    expect(inspectValue("' OR 1=1--").length).toBeGreaterThan(0);
  });
});
