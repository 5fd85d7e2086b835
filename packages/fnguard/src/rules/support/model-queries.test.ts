import { describe, expect, it } from 'vitest';
import { buildApi, buildApp, buildFunction, buildResource, buildTrigger } from '../../../test/helpers/app-builder.js';
import { isPublicApi, isPubliclyTriggered, property, propertyPath, referencedId, referencedResource, triggersOfApi } from './model-queries.js';

describe('model queries', () => {
  it('reads properties ignoring case and tolerates non-mappings', () => {
    expect(property({ MaximumRetryAttempts: 2 }, 'maximumRetryAttempts')).toBe(2);
    expect(propertyPath({ a: { B: { c: 1 } } }, 'A', 'b', 'C')).toBe(1);
    expect(property('text', 'x')).toBeUndefined();
    expect(propertyPath(undefined, 'a', 'b')).toBeUndefined();
  });

  it('resolves references in every written form', () => {
    expect(referencedId('${Queue.Arn}')).toBe('Queue');
    expect(referencedId('${Queue}')).toBe('Queue');
    expect(referencedId({ Ref: 'Queue' })).toBe('Queue');
    expect(referencedId({ 'Fn::GetAtt': ['Queue', 'Arn'] })).toBe('Queue');
    expect(referencedId({ 'Fn::GetAtt': 'Queue.Arn' })).toBe('Queue');
    expect(referencedId('arn:aws:sqs:us-east-1:123456789012:q')).toBeUndefined();
    const app = buildApp({ resources: [buildResource('Queue', 'AWS::SQS::Queue')] });
    expect(referencedResource(app, '${Queue.Arn}')?.type).toBe('AWS::SQS::Queue');
    expect(referencedResource(app, '${Missing.Arn}')).toBeUndefined();
  });

  it('answers exposure questions from the model', () => {
    const api = buildApi('Api');
    const open = buildFunction('Open', { triggers: [buildTrigger('http-rest', { apiId: 'Api', public: true })] });
    const closed = buildFunction('Closed', { triggers: [buildTrigger('http-rest', { apiId: 'Api', public: false })] });
    const url = buildFunction('Url', { url: { authType: 'NONE', location: { file: 't', line: 1, column: 1 } } });
    const app = buildApp({ apis: [api], functions: [open, closed, url] });
    expect(triggersOfApi(app, api)).toHaveLength(2);
    expect(isPublicApi(app, api)).toBe(true);
    expect(isPublicApi(buildApp({ apis: [api], functions: [closed] }), api)).toBe(false);
    expect([open, closed, url].map(isPubliclyTriggered)).toEqual([true, false, true]);
  });
});
