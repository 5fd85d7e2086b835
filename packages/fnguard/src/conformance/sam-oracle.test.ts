import { describe, expect, it } from 'vitest';
import { oracleFacts } from './sam-oracle.js';

const invocations = (fn: string) => ({ 'Fn::Sub': `arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${fn}.Arn}/invocations` });

const OUTPUT = {
  Parameters: { TableName: { Type: 'String', Default: 'orders' }, Flag: { Type: 'String', Default: 'off' } },
  Conditions: { On: { 'Fn::Equals': [{ Ref: 'Flag' }, 'on'] } },
  Resources: {
    Fn: { Type: 'AWS::Lambda::Function', Properties: { Role: { 'Fn::GetAtt': ['FnRole', 'Arn'] } } },
    Plain: { Type: 'AWS::Lambda::Function', Properties: {} },
    FnRole: {
      Type: 'AWS::IAM::Role',
      Properties: {
        ManagedPolicyArns: [{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' }],
        Policies: [
          { PolicyName: 'p0', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['DynamoDB:GetItem'], Resource: { 'Fn::Sub': ['arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${t}', { t: { Ref: 'TableName' } }] } }] } },
          { 'Fn::If': ['On', { PolicyName: 'p1', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: '*' }] } }, { Ref: 'AWS::NoValue' }] },
        ],
      },
    },
    Extra: { Type: 'AWS::IAM::ManagedPolicy', Properties: { Roles: [{ Ref: 'FnRole' }], PolicyDocument: { Statement: [{ Effect: 'Deny', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': ['Queue', 'Arn'] } }] } } },
    Queue: { Type: 'AWS::SQS::Queue' },
    Mapping: { Type: 'AWS::Lambda::EventSourceMapping', Properties: { FunctionName: { Ref: 'Fn' }, EventSourceArn: { 'Fn::GetAtt': ['Queue', 'Arn'] } } },
    Api: {
      Type: 'AWS::ApiGateway::RestApi',
      Properties: {
        Body: {
          securityDefinitions: {
            Pool: { type: 'apiKey', 'x-amazon-apigateway-authtype': 'cognito_user_pools' },
            api_key: { type: 'apiKey', name: 'x-api-key', in: 'header' },
          },
          paths: {
            '/items/{id}': {
              get: { security: [{ Pool: [] }, { api_key: [] }], 'x-amazon-apigateway-integration': { uri: invocations('Fn') } },
              options: { 'x-amazon-apigateway-integration': { type: 'mock' } },
            },
            '/open': { 'x-amazon-apigateway-any-method': { security: [{ NONE: [] }], 'x-amazon-apigateway-integration': { uri: invocations('Fn') } } },
          },
        },
      },
    },
    Bucket: { Type: 'AWS::S3::Bucket', Properties: { NotificationConfiguration: { LambdaConfigurations: [{ Function: { 'Fn::GetAtt': ['Fn', 'Arn'] } }] } } },
    Url: { Type: 'AWS::Lambda::Url', Properties: { TargetFunctionArn: { Ref: 'Fn' }, AuthType: 'NONE' } },
    Ws: { Type: 'AWS::ApiGatewayV2::Api', Properties: { ProtocolType: 'WEBSOCKET' } },
    WsConnect: { Type: 'AWS::ApiGatewayV2::Route', Properties: { ApiId: { Ref: 'Ws' }, RouteKey: '$connect', AuthorizationType: 'AWS_IAM', Target: { 'Fn::Join': ['/', ['integrations', { Ref: 'WsIntegration' }]] } } },
    WsSend: { Type: 'AWS::ApiGatewayV2::Route', Properties: { ApiId: { Ref: 'Ws' }, RouteKey: 'send', AuthorizationType: 'NONE', Target: { 'Fn::Join': ['/', ['integrations', { Ref: 'WsIntegration' }]] } } },
    WsIntegration: { Type: 'AWS::ApiGatewayV2::Integration', Properties: { IntegrationUri: { 'Fn::Sub': ['arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${F}/invocations', { F: { 'Fn::GetAtt': ['Fn', 'Arn'] } }] } } },
    Nightly: { Type: 'AWS::Events::Rule', Properties: { ScheduleExpression: 'rate(1 day)', Targets: [{ Arn: { 'Fn::GetAtt': ['Fn', 'Arn'] } }] } },
  },
};

describe('oracleFacts', () => {
  const facts = oracleFacts(OUTPUT, new Set(['Fn', 'Plain']));
  const fn = facts.get('Fn');

  it('reads the role: managed policies, inline and attached statements, decided conditions', () => {
    expect(fn?.actions).toEqual(new Set([
      'managed arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole', 'dynamodb:getitem', 'deny sqs:sendmessage',
    ]));
    expect(fn?.resources).toEqual(new Set(['arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/orders', '${Queue.Arn}']));
  });

  it('reads the triggers that reach the function, and only those', () => {
    expect(fn?.triggers).toEqual(new Set([
      'http-rest GET /items/* auth=cognito+apikey', 'http-rest ANY /open auth=none', 'sqs Queue', 's3 Bucket', 'function-url Url',
      'websocket ANY $connect auth=iam', 'websocket ANY send auth=iam', 'schedule Nightly',
    ]));
  });

  it('covers the requested functions only, with empty facts when nothing reaches them', () => {
    expect([...facts.keys()]).toEqual(['Fn', 'Plain']);
    expect(facts.get('Plain')?.triggers.size).toBe(0);
  });

  it('reads nothing from output that is not a template', () => {
    expect(oracleFacts({ errorMessage: 'Invalid' }, new Set(['Fn'])).size).toBe(0);
    expect(oracleFacts(null, new Set(['Fn'])).size).toBe(0);
    expect(oracleFacts([1, 2], new Set(['Fn'])).size).toBe(0);
  });
});
