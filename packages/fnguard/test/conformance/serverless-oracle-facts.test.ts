/** The oracle recorder's fact extraction, on a hand-written template shaped like `sls package` output. */
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { extractFacts, slugOf } from '../../../../scripts/record-serverless-oracle.mjs';

const template = {
  Resources: {
    HelloLambdaFunction: {
      Type: 'AWS::Lambda::Function',
      Properties: {
        FunctionName: 'svc-dev-hello', Runtime: 'nodejs20.x', MemorySize: 1024, Timeout: 6,
        Role: { 'Fn::GetAtt': ['IamRoleLambdaExecution', 'Arn'] },
        Environment: { Variables: { PLAIN: 'x', REF: { Ref: 'Queue' } } },
      },
    },
    ApiGatewayResourceItems: { Type: 'AWS::ApiGateway::Resource', Properties: { ParentId: { 'Fn::GetAtt': ['ApiGatewayRestApi', 'RootResourceId'] }, PathPart: 'items' } },
    ApiGatewayResourceItemsIdVar: { Type: 'AWS::ApiGateway::Resource', Properties: { ParentId: { Ref: 'ApiGatewayResourceItems' }, PathPart: '{id}' } },
    ApiGatewayMethodItemsIdVarGet: {
      Type: 'AWS::ApiGateway::Method',
      Properties: {
        HttpMethod: 'GET', ResourceId: { Ref: 'ApiGatewayResourceItemsIdVar' }, AuthorizationType: 'AWS_IAM', ApiKeyRequired: true,
        Integration: { Uri: { 'Fn::Join': ['', ['arn:', { 'Fn::GetAtt': ['HelloLambdaFunction', 'Arn'] }, '/invocations']] } },
      },
    },
    HelloEventSourceMappingSQSQueue: { Type: 'AWS::Lambda::EventSourceMapping', Properties: { FunctionName: { 'Fn::GetAtt': ['HelloLambdaFunction', 'Arn'] }, EventSourceArn: { 'Fn::GetAtt': ['Queue', 'Arn'] } } },
    BucketNotifications: { Type: 'Custom::S3', Properties: { FunctionName: 'svc-dev-hello', BucketConfigs: [{ Bucket: 'b' }] } },
    IamRoleLambdaExecution: {
      Type: 'AWS::IAM::Role',
      Properties: { Policies: [{ PolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['logs:PutLogEvents'], Resource: [{ 'Fn::Sub': 'arn:${AWS::Partition}:logs:*' }] }] } }] },
    },
  },
};

describe('record-serverless-oracle facts', () => {
  it('keeps only the comparison facts', () => {
    const facts = extractFacts(template);
    expect(facts.functions).toEqual([{
      logicalId: 'HelloLambdaFunction', name: 'svc-dev-hello', runtime: 'nodejs20.x', memorySize: 1024, timeout: 6,
      environment: { PLAIN: true, REF: false },
      role: '${IamRoleLambdaExecution.Arn}',
      triggers: [
        { kind: 'http-rest', path: '/items/{id}', method: 'GET', auth: { type: 'iam', apiKeyRequired: true } },
        { kind: 's3' },
        { kind: 'sqs' },
      ],
    }]);
    expect(facts.roleStatements).toEqual([{ role: 'IamRoleLambdaExecution', effect: 'Allow', actions: ['logs:PutLogEvents'], resources: ['arn:${AWS::Partition}:logs:*'] }]);
  });

  it('tolerates a template without resources', () => {
    expect(extractFacts({})).toEqual({ functions: [], roleStatements: [] });
    expect(extractFacts(undefined)).toEqual({ functions: [], roleStatements: [] });
  });

  it('names recordings after the service folder', () => {
    expect(slugOf('serverless-examples/aws-node/serverless.yml')).toBe('serverless-examples__aws-node');
  });
});
