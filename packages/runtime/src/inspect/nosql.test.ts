import { describe, expect, it } from 'vitest';
import { detectNosqlKey, detectNosqli } from './nosql.js';
import { detectProto, detectProtoKey } from './proto.js';

describe('NoSQL operator injection', () => {
  it.each(['$ne', '$where', 'password[$regex]', 'a[b][$gt]', ' $in '])('flags key %j', (key) => {
    expect(detectNosqlKey(key)).toBeDefined();
  });
  it.each(['$existingUser', 'price$', 'user[name]', 'total'])('passes key %j', (key) => {
    expect(detectNosqlKey(key)).toBeUndefined();
  });
  it.each([
    '{ $ne: 1 }',
    "{$gt: ''}",
    '[$ne]=1',
    "', $or: [ {}, { 'a':'a",
    "' && this.password.match(/.*/)//",
    "';sleep(5000);",
    '0;return true',
  ])('flags value %j', (value) => {
    expect(detectNosqli(value)).toBeDefined();
  });
  it.each(['costs $5', '$hash{key}=[1,2,3]', 'red;$5 each', '{"price":"$10","currency":"USD"}', 'a && b', 'Q: return policy?'])('passes value %j', (value) => {
    expect(detectNosqli(value)).toBeUndefined();
  });
});

describe('prototype pollution', () => {
  it.each(['__proto__', 'a[__proto__][x]', '__proto__.polluted', 'constructor.prototype.x', 'constructor[prototype][x]'])('flags key %j', (key) => {
    expect(detectProtoKey(key)).toBeDefined();
  });
  it.each(['proto', 'constructor', 'prototype', '__protocol__', 'my_proto_'])('passes key %j', (key) => {
    expect(detectProtoKey(key)).toBeUndefined();
  });
  it.each(['x=__proto__.foo=bar', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}'])('flags value %j', (value) => {
    expect(detectProto(value)).toBeDefined();
  });
  it.each(['the constructor of the prototype', 'protocol', '__protocol__'])('passes value %j', (value) => {
    expect(detectProto(value)).toBeUndefined();
  });
});
