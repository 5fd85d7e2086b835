import { beforeAll, describe, expect, it } from 'vitest';
import { type IamCatalog, loadIamCatalog } from './catalog.js';
import { describeResource, describeStatementResources } from './resources.js';
import { LOCATION, allow } from './__tests__/fixtures.js';

let catalog: IamCatalog;

beforeAll(async () => {
  catalog = await loadIamCatalog(['s3', 'dynamodb', 'lambda', 'logs', 'sqs', 'secretsmanager', 'states', 'ssm', 'kms']);
});

describe('describeResource', () => {
  it.each([
    ['*', 'every resource'],
    ['arn:aws:*:*:*:*', 'every resource'],
    ['arn:aws:s3:::*', 'every bucket'],
    ['arn:aws:s3:::*/*', 'every object of every bucket'],
    ['arn:${AWS::Partition}:s3:::${UploadsBucket}/*', 'every object of bucket UploadsBucket'],
    ['arn:aws:s3:::${UploadsBucket}/uploads/*', 'every object matching uploads/* of bucket UploadsBucket'],
    ['arn:aws:s3:::my-bucket', 'bucket my-bucket'],
    ['arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${OrdersTable}', 'table OrdersTable'],
    ['arn:aws:dynamodb:*:*:table/${OrdersTable}/index/*', 'every index of table OrdersTable'],
    ['arn:aws:dynamodb:*:*:table/*', 'every table'],
    ['arn:aws:logs:*:*:log-group:/aws/lambda/*', 'every log group matching /aws/lambda/*'],
    ['arn:aws:lambda:*:*:function:${Worker}', 'function Worker'],
    ['arn:aws:sqs:*:*:${Queue.QueueName}', 'queue Queue'],
    ['arn:aws:secretsmanager:*:*:secret:db-*', 'every secret matching db-*'],
    ['arn:aws:states:*:*:stateMachine:${Flow}', 'statemachine Flow'],
  ])('%s -> %s', (resource, phrase) => {
    expect(describeResource(resource, {}, catalog)).toBe(phrase);
  });

  it('resolves GetAtt Arn from the declared CloudFormation type', () => {
    const context = { resourceTypes: { Uploads: 'AWS::S3::Bucket', Orders: 'AWS::Serverless::SimpleTable', Flow: 'AWS::StepFunctions::StateMachine' } };
    expect(describeResource('${Uploads.Arn}/*', context, catalog)).toBe('every object of bucket Uploads');
    expect(describeResource('${Uploads.Arn}', context, catalog)).toBe('bucket Uploads');
    expect(describeResource('${Orders.Arn}', context, catalog)).toBe('table Orders');
    expect(describeResource('${Orders.Arn}/index/*', context, catalog)).toBe('every index of table Orders');
    expect(describeResource('${Flow.Arn}', context, catalog)).toBe('statemachine Flow');
  });

  it('guesses GetAtt Arn from the logical id and the statement services', () => {
    expect(describeResource('${UploadsBucket.Arn}/*', { services: ['s3'] }, catalog)).toBe('every object of bucket UploadsBucket');
    expect(describeResource('${OrdersTable.Arn}', { services: ['dynamodb'] }, catalog)).toBe('table OrdersTable');
    expect(describeResource('${JobsQueue.Arn}', { services: ['sqs'] }, catalog)).toBe('queue JobsQueue');
  });

  it('falls back to plain wording when the type cannot be known', () => {
    expect(describeResource('${Thing.Arn}', {}, catalog)).toBe('resource Thing');
    expect(describeResource('${Thing.Arn}/*', { services: ['s3'] }, catalog)).toBe('/* under resource Thing');
    expect(describeResource('${Topic}', {}, catalog)).toBe('resource Topic');
    expect(describeResource('arn:aws:madeup:*:*:thing/x', {}, catalog)).toBe('madeup resource thing/x');
    expect(describeResource('  ', {}, catalog)).toBe('an empty resource');
    expect(describeResource('garbage', {}, catalog)).toBe('resource garbage');
  });
});

describe('describeStatementResources', () => {
  it('uses the statement actions to read GetAtt values', () => {
    expect(describeStatementResources(allow(['s3:GetObject', 's3:PutObject'], ['${UploadsBucket.Arn}/*', '*']), {}, catalog)).toEqual([
      'every object of bucket UploadsBucket',
      'every resource',
    ]);
    expect(describeStatementResources(allow(['sqs:SendMessage'], ['${Jobs.Arn}']), { Jobs: 'AWS::SQS::Queue' }, catalog)).toEqual(['queue Jobs']);
  });

  it('phrases NotResource as an exception and tolerates empty or malformed statements', () => {
    const notResource = { Effect: 'Allow' as const, Action: ['s3:*'], NotResource: ['arn:aws:s3:::vault/*'], origin: 'x', location: LOCATION };
    expect(describeStatementResources(notResource, {}, catalog)).toEqual(['every resource except every object of bucket vault']);
    expect(describeStatementResources(allow([], []), {}, catalog)).toEqual([]);
    expect(describeStatementResources(allow(['not an action', '*'], ['${X.Arn}']), {}, catalog)).toEqual(['resource X']);
  });
});
