import { describe, expect, it } from 'vitest';
import { createApp } from '../../model/build.js';
import type { App } from '../../model/types.js';
import { TemplateContext } from '../cloudformation/template.js';
import { parseTemplateText } from '../yaml/parse.js';
import { expandSam } from './expand.js';

function expand(api: string): App {
  const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Connect: {Type: AWS::Serverless::Function, Properties: {InlineCode: x, Handler: i.h, Runtime: nodejs20.x}}
  Message: {Type: AWS::Serverless::Function, Properties: {InlineCode: x, Handler: i.h, Runtime: nodejs20.x}}
  Authorizer: {Type: AWS::Serverless::Function, Properties: {InlineCode: x, Handler: i.h, Runtime: nodejs20.x}}
  Ws:
    Type: AWS::Serverless::WebSocketApi
    Properties:
      RouteSelectionExpression: $request.body.action
${api}`;
  const app = createApp({ name: 't', framework: 'sam', path: 'template.yaml' });
  expandSam(new TemplateContext(parseTemplateText(text, 'template.yaml')), app);
  return app;
}

describe('WebSocket APIs', () => {
  it('gives every routed function a websocket trigger guarded by the $connect auth', () => {
    const app = expand(`      Auth: {AuthType: CUSTOM, AuthArn: !GetAtt Authorizer.Arn, Name: ConnectAuth}
      Routes:
        $connect: {FunctionArn: !GetAtt Connect.Arn}
        sendMessage: {FunctionArn: !GetAtt Message.Arn, ApiKeyRequired: true}`);
    const api = app.apis.find((a) => a.id === 'Ws');
    expect(api).toMatchObject({ kind: 'websocket', authorizers: [{ name: 'ConnectAuth', type: 'lambda', source: 'Authorizer' }] });
    expect(api?.routes.map((r) => [r.path, r.functionId, r.auth])).toEqual([
      ['$connect', 'Connect', { type: 'lambda', authorizer: 'ConnectAuth' }],
      ['sendMessage', 'Message', { type: 'lambda', authorizer: 'ConnectAuth', apiKeyRequired: true }],
    ]);
    const trigger = app.functions.find((f) => f.id === 'Message')?.triggers[0];
    expect(trigger).toMatchObject({ kind: 'websocket', invocation: 'sync', apiId: 'Ws', path: 'sendMessage' });
    expect(app.warnings).toEqual([]);
  });

  it('treats an API without Auth as open, and IAM auth as IAM', () => {
    expect(expand('      Routes: {$connect: {FunctionArn: !GetAtt Connect.Arn}}').apis[0]?.routes[0]?.auth).toEqual({ type: 'none' });
    expect(expand('      Auth: {AuthType: AWS_IAM}\n      Routes: {$connect: {FunctionArn: !GetAtt Connect.Arn}}').apis[0]?.routes[0]?.auth).toEqual({ type: 'iam' });
  });

  it('requires a route selection expression', () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Connect: {Type: AWS::Serverless::Function, Properties: {InlineCode: x, Handler: i.h, Runtime: nodejs20.x}}
  Ws: {Type: AWS::Serverless::WebSocketApi, Properties: {StageName: $default, Routes: {$connect: {FunctionArn: !GetAtt Connect.Arn}}}}`;
    const app = createApp({ name: 't', framework: 'sam', path: 'template.yaml' });
    expandSam(new TemplateContext(parseTemplateText(text, 'template.yaml')), app);
    expect(app.warnings.map((w) => w.message)).toEqual([
      'Ws: RouteSelectionExpression is required', 'Ws: a WebSocket stage cannot be named $default',
    ]);
  });

  it.each([
    ['no routes', '      Routes: {}', 'needs at least one route'],
    ['a route without a function', '      Routes: {$connect: {IntegrationTimeout: 5}}', 'route $connect needs a FunctionArn'],
    ['an unknown auth type', '      Auth: {AuthType: MAGIC}\n      Routes: {$connect: {FunctionArn: !GetAtt Connect.Arn}}', 'AuthType must be one of'],
    ['an unknown special route', '      Routes: {$nonsense: {FunctionArn: !GetAtt Connect.Arn}}', '$nonsense is not a WebSocket route'],
    ['auth without $connect', '      Auth: {AuthType: AWS_IAM}\n      Routes: {send: {FunctionArn: !GetAtt Message.Arn}}', 'which Routes lacks'],
  ])('reports %s', (_what, api, expected) => {
    const app = expand(api);
    expect(app.warnings.map((w) => w.message).some((m) => m.includes(expected))).toBe(true);
  });
});
