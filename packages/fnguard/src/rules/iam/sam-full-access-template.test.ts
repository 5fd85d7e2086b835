import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp, buildFunction, buildRole, buildStatement, buildTrigger, loc } from '../../../test/helpers/app-builder.js';
import { testRule } from '../../../test/helpers/rule-cases.js';
import { loadIamCatalog } from '../../analyzers/iam/index.js';
import type { IamStatement, Trigger } from '../../model/types.js';
import samFullAccessTemplate, { readOnlyName } from './sam-full-access-template.js';

beforeAll(async () => {
  await loadIamCatalog(['dynamodb', 's3', 'sns']);
});

const crud = (line = 50) =>
  buildStatement({ Action: ['dynamodb:getitem', 'dynamodb:putitem', 'dynamodb:deleteitem'], Resource: ['arn:aws:dynamodb:eu-west-1:123456789012:table/${OrdersTable}'], origin: 'sam:DynamoDBCrudPolicy', location: loc(line) });
const s3Full = (line = 52): IamStatement[] => [
  buildStatement({ Action: ['s3:getobject', 's3:putobject', 's3:deleteobject'], Resource: ['arn:aws:s3:::${Files}/*'], origin: 'sam:S3FullAccessPolicy', location: loc(line) }),
  buildStatement({ Action: ['s3:listbucket'], Resource: ['arn:aws:s3:::${Files}'], origin: 'sam:S3FullAccessPolicy', location: loc(line) }),
];

/** One function with the role SAM generates for it, as the SAM loader builds it. */
const appWith = (id: string, statements: IamStatement[], triggers: Trigger[] = []) =>
  buildApp({
    functions: [buildFunction(id, { roleId: `${id}Role`, triggers })],
    roles: [buildRole(`${id}Role`, { implicit: true, statements, usedBy: [id] })],
  });

testRule(samFullAccessTemplate, {
  valid: [
    { name: 'CRUD on a function that writes', app: appWith('CreateOrderFunction', [crud()]) },
    { name: 'read template on a read-only function', app: appWith('GetOrderFunction', [buildStatement({ Action: ['dynamodb:getitem'], origin: 'sam:DynamoDBReadPolicy' })]) },
    { name: 'a read verb next to a write word', app: appWith('GetOrCreateUser', [crud()]) },
    { name: 'a word that only starts like a verb', app: appWith('GetawayBookings', [crud()]) },
    { name: 'inline statements are not templates', app: appWith('GetOrderFunction', [buildStatement({ Action: ['dynamodb:putitem'], origin: 'inline:GetOrderFunctionRolePolicy0' })]) },
  ],
  invalid: [
    {
      name: 'CRUD on a function named Get...',
      app: appWith('GetOrderFunction', [crud()]),
      hits: [{
        severity: 'medium',
        function: 'GetOrderFunction',
        resource: 'GetOrderFunctionRole',
        line: 50,
        message: ['Function GetOrderFunction has the SAM policy template DynamoDBCrudPolicy', 'dynamodb:PutItem', 'starts with "get"', 'Use DynamoDBReadPolicy instead'],
        evidence: ['(sam:DynamoDBCrudPolicy)'],
      }],
    },
    {
      name: 'a FullAccess template on any function is low, one hit for its statements',
      app: appWith('ProcessUpload', s3Full()),
      hits: [{ severity: 'low', message: ['S3FullAccessPolicy', 'full-access template', 's3:DeleteObject'], evidence: ['"s3:ListBucket"'] }],
    },
    {
      name: 'a FullAccess template on a read-only serverless-style key is medium',
      app: appWith('list-files', s3Full()),
      hits: [{ severity: 'medium', message: ['starts with "list"', 'Use S3ReadPolicy instead'] }],
    },
    {
      name: 'a public read-only function raises one level',
      app: appWith('ReportSales', [buildStatement({ Action: ['sns:publish', 'sns:createtopic'], Resource: ['arn:aws:sns:*:*:${Topic}*'], origin: 'sam:SNSCrudPolicy' })], [buildTrigger('http-api', { public: true, method: 'GET', path: '/report' })]),
      hits: [{ severity: 'high', message: ['SNSCrudPolicy', 'starts with "report"', 'reachable from the internet through HTTP API route GET /report'] }],
    },
    {
      name: 'the same template used twice gives two hits',
      app: appWith('FetchOrders', [crud(50), crud(60)]),
      hits: [{ line: 50 }, { line: 60 }],
    },
  ],
});

describe('readOnlyName', () => {
  it.each([
    ['GetOrderFunction', 'get'],
    ['listUsers', 'list'],
    ['read_report', 'read'],
    ['QueryTable', 'query'],
    ['fetch-prices', 'fetch'],
    ['ReportGenerator', 'report'],
    ['GETItems', 'get'],
    ['CreateOrder', undefined],
    ['GetOrCreate', undefined],
    ['ListAndDeleteStale', undefined],
    ['Lister', undefined],
    ['ProcessGetRequests', undefined],
  ])('%s -> %s', (id, verb) => {
    expect(readOnlyName(buildFunction(id))).toBe(verb);
  });
});
