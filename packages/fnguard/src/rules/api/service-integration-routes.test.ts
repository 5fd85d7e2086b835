/**
 * Routes that API Gateway integrates directly with an AWS service (or a VPC-linked backend) run
 * no function of the app, so no trigger carries their exposure: the loader records the
 * integration and FG-API-001 / FG-API-004 / FG-DOS-002 judge the route itself.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeIntegration } from '../../loaders/cloudformation/extract/integration.js';
import { scanDirectory } from '../../loaders/index.js';
import { findRule } from '../index.js';

const dirs: string[] = [];
afterAll(() => { for (const dir of dirs) rmSync(dir, { recursive: true, force: true }); });

async function hits(ruleId: string, template: string) {
  const dir = mkdtempSync(join(tmpdir(), 'fnguard-service-routes-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'template.yaml'), template);
  const { apps } = await scanDirectory(dir);
  const rule = findRule(ruleId)!;
  return apps.flatMap((app) => rule.check(app));
}

const restApi = (method: string, integration: string, extra = '') => `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: orders-api
${extra}
  Method:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !GetAtt Api.RootResourceId
${method}
      Integration:
${integration}
  Stage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !Ref Api
      StageName: prod
`;
const SQS = `        Type: AWS
        IntegrationHttpMethod: POST
        Uri: !Sub arn:\${AWS::Partition}:apigateway:\${AWS::Region}:sqs:path/\${AWS::AccountId}/orders`;
/** A REST API `Policy` property (indented for `restApi`'s `extra`) from statements built by `invokeStatement`. */
const resourcePolicy = (...statements: string[][]) => ['      Policy:', '        Statement:', ...statements.flat().map((line) => `          ${line}`)].join('\n');
const invokeStatement = (effect: 'Allow' | 'Deny', principal: string, rest: string[] = []) =>
  [`- Effect: ${effect}`, `  Principal: ${principal}`, '  Action: execute-api:Invoke', '  Resource: execute-api:/*', ...rest.map((line) => `  ${line}`)];
const open = (verb = 'POST') => `      HttpMethod: ${verb}\n      AuthorizationType: NONE`;

describe('describeIntegration', () => {
  it('names the service and action of AWS integrations, written or rendered', () => {
    expect(describeIntegration('AWS', 'arn:${AWS::Partition}:apigateway:${AWS::Region}:dynamodb:action/PutItem')).toEqual({ kind: 'aws', service: 'dynamodb', action: 'PutItem' });
    expect(describeIntegration('AWS', 'arn:aws:apigateway:eu-west-1:sqs:path/123/q')).toEqual({ kind: 'aws', service: 'sqs' });
    expect(describeIntegration('AWS_PROXY', undefined, 'SQS-SendMessage')).toEqual({ kind: 'aws', service: 'sqs', action: 'SendMessage' });
  });
  it('tells Lambda, HTTP, VPC link and MOCK integrations apart', () => {
    expect(describeIntegration('AWS_PROXY', 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:f/invocations')).toEqual({ kind: 'function' });
    expect(describeIntegration('HTTP_PROXY', 'https://example.com')).toEqual({ kind: 'http' });
    expect(describeIntegration('HTTP_PROXY', 'http://nlb', undefined, 'VPC_LINK')).toEqual({ kind: 'http', vpcLink: true });
    expect(describeIntegration('MOCK', undefined)).toEqual({ kind: 'mock' });
    expect(describeIntegration('AWS', 'not an arn')).toBeUndefined();
  });
});

describe('FG-API-001 on routes integrated with a service', () => {
  it('reports a public REST route that sends requests straight to SQS', async () => {
    const found = await hits('FG-API-001', restApi(open(), SQS));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'high', resource: 'Api' });
    expect(found[0]!.message).toContain('REST API orders-api route POST / sends requests to sqs without authorization');
  });
  it('reports a VPC-linked HTTP backend opened to the internet', async () => {
    const found = await hits('FG-API-001', restApi(open('GET'), '        Type: HTTP_PROXY\n        ConnectionType: VPC_LINK\n        IntegrationHttpMethod: GET\n        Uri: http://internal-nlb'));
    expect(found.map((hit) => hit.message)).toEqual([expect.stringContaining('a private HTTP backend through a VPC link')]);
  });
  it('is silent on IAM-authorized, MOCK, OPTIONS, public-URL and PRIVATE routes', async () => {
    expect(await hits('FG-API-001', restApi('      HttpMethod: POST\n      AuthorizationType: AWS_IAM', SQS))).toEqual([]);
    expect(await hits('FG-API-001', restApi(open('GET'), '        Type: MOCK'))).toEqual([]);
    expect(await hits('FG-API-001', restApi(open('OPTIONS'), SQS))).toEqual([]);
    expect(await hits('FG-API-001', restApi(open('GET'), '        Type: HTTP_PROXY\n        IntegrationHttpMethod: GET\n        Uri: https://api.example.com'))).toEqual([]);
    expect(await hits('FG-API-001', restApi(open(), SQS, '      EndpointConfiguration:\n        Types: [PRIVATE]'))).toEqual([]);
  });
  it('is silent when the resource policy narrows who may invoke', async () => {
    const policy = resourcePolicy(invokeStatement('Allow', '"*"', ['Condition:', '  IpAddress:', '    aws:SourceIp: 10.0.0.0/8']));
    expect(await hits('FG-API-001', restApi(open(), SQS, policy))).toEqual([]);
  });
  it('calls the route public when the resource policy only shuts out one account, as it does for function routes', async () => {
    const policy = resourcePolicy(invokeStatement('Allow', '"*"'), invokeStatement('Deny', '{AWS: "arn:aws:iam::111111111111:root"}'));
    expect(await hits('FG-API-001', restApi(open(), SQS, policy))).toHaveLength(1);
  });

  const websocket = (connectAuth: string | undefined) => `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Ws:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: ws
      ProtocolType: WEBSOCKET
      RouteSelectionExpression: $request.body.action
${connectAuth === undefined ? '' : `  Connect:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref Ws
      RouteKey: $connect
      AuthorizationType: ${connectAuth}
      Target: !Sub integrations/\${Mock}
  Mock:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Ws
      IntegrationType: MOCK
`}  Default:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref Ws
      RouteKey: $default
      Target: !Sub integrations/\${ToQueue}
  Disconnect:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref Ws
      RouteKey: $disconnect
      Target: !Sub integrations/\${ToQueue}
  ToQueue:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Ws
      IntegrationType: AWS
      IntegrationUri: !Sub arn:aws:apigateway:\${AWS::Region}:sqs:path/\${AWS::AccountId}/q
`;
  it('reports a WebSocket route to SQS when the connection is not authorized ($disconnect aside)', async () => {
    for (const connect of [undefined, 'NONE']) {
      const found = await hits('FG-API-001', websocket(connect));
      expect(found.map((hit) => hit.message)).toEqual([expect.stringContaining('WebSocket API ws route $default sends requests to sqs without authorization. The WebSocket connection ($connect) is not authorized either.')]);
    }
  });
  it('is silent on WebSocket routes when $connect is authorized', async () => {
    expect(await hits('FG-API-001', websocket('AWS_IAM'))).toEqual([]);
  });

  it('reports an HTTP API route with a first-class SQS integration', async () => {
    const template = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Http:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: http
      ProtocolType: HTTP
  Route:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref Http
      RouteKey: POST /orders
      Target: !Sub integrations/\${Send}
  Send:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Http
      IntegrationType: AWS_PROXY
      IntegrationSubtype: SQS-SendMessage
`;
    const found = await hits('FG-API-001', template);
    expect(found.map((hit) => hit.message)).toEqual([expect.stringContaining('HTTP API http route POST /orders sends requests to sqs (SendMessage) without authorization')]);
  });
});

describe('WAF and throttling for APIs whose public routes call services', () => {
  it('FG-API-004 and FG-DOS-002 report the public service-integrated REST API', async () => {
    expect((await hits('FG-API-004', restApi(open(), SQS))).map((hit) => hit.resource)).toEqual(['Api']);
    expect((await hits('FG-DOS-002', restApi(open(), SQS))).map((hit) => hit.resource)).toEqual(['Api']);
  });
  it('FG-API-004 and FG-DOS-002 are silent on a MOCK-only or IAM-authorized API', async () => {
    expect(await hits('FG-API-004', restApi(open('GET'), '        Type: MOCK'))).toEqual([]);
    expect(await hits('FG-DOS-002', restApi(open('GET'), '        Type: MOCK'))).toEqual([]);
    expect(await hits('FG-API-004', restApi('      HttpMethod: POST\n      AuthorizationType: AWS_IAM', SQS))).toEqual([]);
  });
});
