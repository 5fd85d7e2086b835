import { beforeAll, describe, expect, it } from 'vitest';
import { type IamCatalog, loadIamCatalog } from './catalog.js';
import { isWildcardOnly, matchArnTemplate, parseArn, resourceBreadth } from './arn.js';

let catalog: IamCatalog;

beforeAll(async () => {
  catalog = await loadIamCatalog(['s3', 'dynamodb', 'lambda', 'logs', 'sqs']);
});

describe('parseArn', () => {
  it('keeps Fn::Sub references whole even though they contain colons', () => {
    expect(parseArn('arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${OrdersTable}')).toEqual({
      partition: '${AWS::Partition}',
      service: 'dynamodb',
      region: '${AWS::Region}',
      account: '${AWS::AccountId}',
      resource: 'table/${OrdersTable}',
    });
  });

  it('keeps colons inside the resource part', () => {
    expect(parseArn('arn:aws:logs:eu-west-1:1:log-group:/aws/lambda/x:*')?.resource).toBe('log-group:/aws/lambda/x:*');
  });

  it('rejects things that are not ARNs', () => {
    for (const value of ['*', '${Bucket.Arn}/*', 'arn:aws:s3', 'urn:aws:s3:::b', '']) expect(parseArn(value), value).toBeUndefined();
  });
});

describe('isWildcardOnly', () => {
  it('accepts runs of wildcards only', () => {
    expect(isWildcardOnly('*')).toBe(true);
    expect(isWildcardOnly('**')).toBe(true);
    expect(isWildcardOnly('?')).toBe(false);
    expect(isWildcardOnly('a*')).toBe(false);
    expect(isWildcardOnly('')).toBe(false);
  });
});

describe('matchArnTemplate', () => {
  it('binds placeholders and prefers the most specific template', () => {
    const match = matchArnTemplate('arn:aws:s3:::${UploadsBucket}/*', catalog);
    expect(match?.format.key).toBe('object');
    expect(match?.bindings).toEqual([
      { placeholder: 'BucketName', value: '${UploadsBucket}' },
      { placeholder: 'ObjectName', value: '*' },
    ]);
    expect(matchArnTemplate('arn:aws:dynamodb:*:*:table/Orders/index/*', catalog)?.format.key).toBe('index');
  });

  it('returns undefined for services whose templates are not loaded or unknown', () => {
    expect(matchArnTemplate('arn:aws:kinesis:*:*:stream/x', catalog)).toBeUndefined();
    expect(matchArnTemplate('arn:aws:madeup:*:*:thing/x', catalog)).toBeUndefined();
  });
});

describe('resourceBreadth', () => {
  it.each([
    ['*', 'all'],
    ['**', 'all'],
    ['arn:*', 'all'],
    ['arn:aws:*:*:*:*', 'all'],
    ['arn:aws:s3:::*', 'all-of-type'],
    ['arn:aws:s3:::*/*', 'all-of-type'],
    ['arn:aws:lambda:*:*:function:*', 'all-of-type'],
    ['arn:aws:logs:*:*:log-group:*', 'all-of-type'],
    ['arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:*', 'all-of-type'],
    ['arn:aws:kinesis:*:*:*', 'all-of-type'],
    ['arn:aws:s3:::b/*', 'specific'],
    ['arn:aws:s3:::b*', 'specific'],
    ['arn:aws:logs:*:*:log-group:/aws/lambda/*', 'specific'],
    ['arn:aws:kinesis:*:*:stream/*', 'specific'],
    ['${Bucket.Arn}', 'specific'],
    ['not an arn', 'specific'],
    ['', 'specific'],
  ])('%s is %s', (value, breadth) => {
    expect(resourceBreadth(value, catalog)).toBe(breadth);
  });
});
