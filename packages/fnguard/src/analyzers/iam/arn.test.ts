import { beforeAll, describe, expect, it } from 'vitest';
import { IamCatalog, loadIamCatalog } from './catalog.js';
import { isWildcardOnly, matchArnTemplate, parseArn, resourceBreadth } from './arn.js';
import type { CatalogDataSource, RawServiceData } from './iam-data-source.js';

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

describe('template matching paths', () => {
  it('matches case-insensitively and returns the original spelling of bound values', () => {
    const match = matchArnTemplate('ARN:AWS:DynamoDB:eu-west-1:123456789012:TABLE/Orders-Table/Stream/2024', catalog);
    expect(match?.format.key).toBe('stream');
    expect(match?.bindings.map((binding) => binding.value)).toEqual(['Orders-Table', '2024']);
  });

  it('gives the same answer for non-ASCII values (the case-insensitive regex path)', () => {
    const ascii = matchArnTemplate('arn:aws:s3:::bucket/key', catalog);
    const other = matchArnTemplate('arn:aws:s3:::bucket/kéy', catalog);
    expect(other?.format.key).toBe(ascii?.format.key);
    expect(other?.bindings.map((binding) => binding.value)).toEqual(['bucket', 'kéy']);
  });

  it('restores each reference in bound values, whatever the names (matches are cached by masked text)', () => {
    const first = matchArnTemplate('arn:${AWS::Partition}:s3:::${Uploads}/${Prefix}/*', catalog);
    const second = matchArnTemplate('arn:${AWS::Partition}:s3:::${Archive}/${Other}/*', catalog);
    expect(first?.bindings.map((binding) => binding.value)).toEqual(['${Uploads}', '${Prefix}/*']);
    expect(second?.bindings.map((binding) => binding.value)).toEqual(['${Archive}', '${Other}/*']);
    expect(resourceBreadth('arn:${AWS::Partition}:s3:::${Uploads}/*', catalog)).toBe('specific');
    expect(resourceBreadth('arn:${AWS::Partition}:s3:::*', catalog)).toBe('all-of-type');
  });
});

describe('choosing among templates', () => {
  const THING = 'arn:${Partition}:x:${Region}:${Account}:thing/${ThingId}';
  const services: Record<string, RawServiceData> = {
    x: {
      actions: [['Get', 'Read']],
      resourceTypes: [
        ['thing', THING],
        ['alias', 'arn:${Partition}:x:${Region}:${Account}:thing/${AliasName}'],
        ['child', `${THING}/child/\${ChildId}`],
      ],
    },
    // borrows a more specific template for x's ARNs, as ssm does for ec2 instances
    y: { actions: [['Put', 'Write']], resourceTypes: [['special', 'arn:${Partition}:x:${Region}:${Account}:thing/special-${Name}']] },
  };
  const source: CatalogDataSource = { serviceKeys: async () => Object.keys(services), loadService: async (key) => services[key]! };

  it('takes the template with the most literal text, the first listed among equals', async () => {
    const fake = new IamCatalog(['x', 'y'], source);
    await fake.load(['x']);
    expect(matchArnTemplate('arn:aws:x:eu-west-1:1:thing/a/child/b', fake)?.format.key).toBe('child');
    expect(matchArnTemplate('arn:aws:x:eu-west-1:1:thing/a', fake)?.format.key).toBe('thing');
    expect(matchArnTemplate('arn:aws:x:eu-west-1:1:thing/special-a', fake)?.format.key).toBe('thing');
    expect(matchArnTemplate('arn:aws:x:eu-west-1:1:other/a', fake)).toBeUndefined();
  });

  it('considers templates of services loaded later', async () => {
    const fake = new IamCatalog(['x', 'y'], source);
    await fake.load(['x']);
    expect(matchArnTemplate('arn:aws:x:eu-west-1:1:thing/special-a', fake)?.format.key).toBe('thing');
    await fake.load(['y']);
    expect(matchArnTemplate('arn:aws:x:eu-west-1:1:thing/special-a', fake)?.bindings).toEqual([{ placeholder: 'Name', value: 'a' }]);
  });
});
