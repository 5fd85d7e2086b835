import { buildApi, buildApp, buildFunction, buildResource, buildTrigger, loc } from '../../../test/helpers/app-builder.js';
import { testRule } from '../../../test/helpers/rule-cases.js';
import { describe, expect, it } from 'vitest';
import apiAccessLogFormat, { judgeFormat } from './api-access-log-format.js';
import apiAccessLogging from './api-access-logging.js';
import functionTracingOff from './function-tracing-off.js';
import logRetention from './log-retention.js';

const publicRoute = (isPublic: boolean) => buildFunction('Fn', { triggers: [buildTrigger('http-api', { apiId: 'Api', public: isPublic })] });

testRule(functionTracingOff, {
  valid: [{ name: 'active tracing', app: buildApp({ functions: [buildFunction('Fn', { tracing: 'Active' })] }) }],
  invalid: [
    { name: 'tracing not set', app: buildApp({ functions: [buildFunction('Fn')] }), hits: [{ function: 'Fn', message: ['off (the default)'] }] },
    { name: 'pass-through', app: buildApp({ functions: [buildFunction('Fn', { tracing: 'PassThrough' })] }), hits: [{ message: ['PassThrough'] }] },
  ],
});

testRule(apiAccessLogging, {
  valid: [{ name: 'stage with a destination', app: buildApp({ apis: [buildApi('Api', { stages: [{ name: 'prod', accessLogging: { destination: '${Logs.Arn}' } }] })], functions: [publicRoute(true)] }) }],
  invalid: [
    { name: 'public API, stage without logs', app: buildApp({ apis: [buildApi('Api', { stages: [{ name: 'prod', location: loc(44) }] })], functions: [publicRoute(true)] }), hits: [{ severity: 'medium', line: 44, message: ['stage prod'] }] },
    { name: 'internal API without stages', app: buildApp({ apis: [buildApi('Api')], functions: [publicRoute(false)] }), hits: [{ severity: 'low', message: ['API Api writes no access logs'] }] },
    { name: 'one stage logged, one not', app: buildApp({ apis: [buildApi('Api', { stages: [{ name: 'a', accessLogging: { destination: 'x' } }, { name: 'b' }] })] }), hits: [{ severity: 'low', message: ['stage b'] }] },
    {
      name: 'logging under an undecided condition is an info note naming it',
      app: buildApp({ apis: [buildApi('Api', { stages: [{ name: 'prod', accessLogging: { destination: 'x', conditions: [{ name: 'IsProd', holds: true }] } }] })], functions: [publicRoute(true)] }),
      hits: [{ severity: 'info', message: ['stage prod', 'only when condition IsProd is true', 'writes none'] }],
    },
    {
      name: 'nested conditions are all named',
      app: buildApp({ apis: [buildApi('Api', { stages: [{ name: 'prod', accessLogging: { destination: 'x', conditions: [{ name: 'IsDev', holds: false }, { name: 'HasLogs', holds: true }] } }] })] }),
      hits: [{ severity: 'info', message: ['condition IsDev is false and HasLogs is true'] }],
    },
  ],
});

const logged = (accessLogging: { destination?: string; format?: string }, kind: 'rest' | 'http' = 'rest', framework: 'sam' | 'serverless' = 'sam') =>
  buildApp({ framework, apis: [buildApi('Api', { kind, stages: [{ name: 'prod', accessLogging }] })] });

testRule(apiAccessLogFormat, {
  valid: [
    { name: 'JSON format, every value quoted', app: logged({ destination: 'x', format: '{"requestId":"$context.requestId","status":"$context.status","error":"$context.error.message"}' }) },
    { name: 'JSON written over several folded lines', app: logged({ destination: 'x', format: '{"requestId":"$context.requestId",\n "ip": "$context.identity.sourceIp"}\n' }) },
    { name: 'no logging (FG-LOG-002 reports it)', app: buildApp({ apis: [buildApi('Api', { stages: [{ name: 'prod' }] })] }) },
    { name: 'a setting that could not be read (Fn::If) is left alone', app: logged({}) },
    { name: 'serverless.yml HTTP API default format is JSON', app: logged({ destination: '/aws/http-api/x' }, 'http', 'serverless') },
  ],
  invalid: [
    { name: 'CLF format', app: logged({ destination: 'x', format: '$context.identity.sourceIp $context.identity.caller [$context.requestTime] "$context.httpMethod"' }), hits: [{ message: ['writes access logs as text'], evidence: ['$context.identity.sourceIp'] }] },
    {
      name: 'unquoted variables (cdk-nag Serverless-APIGWStructuredLogging reports these too)',
      app: logged({ destination: 'x', format: '{"requestId":"$context.requestId","status":$context.status,"integrationStatus": $context.integrationStatus}' }),
      hits: [{ message: ['writes $context.status, $context.integrationStatus without quotes', 'writes `-`'] }],
    },
    {
      name: 'JSON-looking but a comma is missing',
      app: logged({ destination: 'x', format: '{"requestId":"$context.requestId" "user":"$context.identity.user"}' }),
      hits: [{ message: ['looks like JSON but is not'] }],
    },
    { name: 'destination without a Format', app: logged({ destination: '${Logs.Arn}' }), hits: [{ message: ['no Format', 'writes no access log without one'], evidence: ['without Format'] }] },
    { name: 'serverless.yml REST API default format is text', app: logged({ destination: '/aws/api-gateway/x' }, 'rest', 'serverless'), hits: [{ message: ["Serverless Framework's default access-log format, which is text"] }] },
  ],
});

describe('judgeFormat', () => {
  it('tells JSON, text, unquoted and malformed formats apart', () => {
    expect(judgeFormat('{"a":"$context.requestId"}')).toEqual({ kind: 'json' });
    expect(judgeFormat('$context.requestId')).toEqual({ kind: 'text' });
    expect(judgeFormat('{"a":$context.status}')).toEqual({ kind: 'unquoted', variables: ['$context.status'] });
    expect(judgeFormat('{"a":"$context.x" "b":1}').kind).toBe('malformed');
  });
  it('does not confuse a variable with a longer one it prefixes', () => {
    expect(judgeFormat('{"e":$context.error,"m":"$context.error.message"}')).toEqual({ kind: 'unquoted', variables: ['$context.error'] });
  });
});

const retained = buildFunction('Fn', { logGroup: { resourceId: 'FnLogs', retentionInDays: 90 } });

testRule(logRetention, {
  valid: [
    { name: 'declared retention', app: buildApp({ functions: [buildFunction('Fn', { logGroup: { retentionInDays: 90 } })] }) },
    {
      name: 'state machine log group with retention',
      app: buildApp({
        functions: [retained],
        resources: [
          buildResource('WorkflowLogs', 'AWS::Logs::LogGroup', { RetentionInDays: 30 }),
          buildResource('Workflow', 'AWS::StepFunctions::StateMachine', { LoggingConfiguration: { Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: '${WorkflowLogs.Arn}' } }] } }),
        ],
      }),
    },
    {
      name: "a function's own group is reported once, through the function",
      app: buildApp({ functions: [retained], resources: [buildResource('FnLogs', 'AWS::Logs::LogGroup', {})] }),
    },
    {
      name: 'retention from a parameter counts as declared',
      app: buildApp({ functions: [retained], resources: [buildResource('ApiLogs', 'AWS::Logs::LogGroup', { RetentionInDays: '${Days}' })] }),
    },
  ],
  invalid: [
    { name: 'no log group', app: buildApp({ functions: [buildFunction('Fn')] }), hits: [{ function: 'Fn', message: ['keeps logs forever'] }] },
    { name: 'log group without retention', app: buildApp({ functions: [buildFunction('Fn', { logGroup: { resourceId: 'FnLogs', location: loc(70) } })] }), hits: [{ line: 70, message: ['no retention period'] }] },
    {
      name: 'state machine logging destination without retention',
      app: buildApp({
        functions: [retained],
        resources: [
          buildResource('WorkflowLogs', 'AWS::Logs::LogGroup', {}, { location: loc(40) }),
          buildResource('Workflow', 'AWS::StepFunctions::StateMachine', { LoggingConfiguration: { Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': ['WorkflowLogs', 'Arn'] } } }] } }),
        ],
      }),
      hits: [{ resource: 'WorkflowLogs', line: 40, severity: 'low', message: ['Log group WorkflowLogs (written by state machine Workflow)', 'no retention period'] }],
    },
    {
      name: 'API access-log group, named by ARN',
      app: buildApp({
        functions: [retained],
        apis: [buildApi('Api', { name: 'orders', stages: [{ name: 'prod', accessLogging: { destination: 'arn:aws:logs:us-east-1:1:log-group:/orders/access' } }] })],
        resources: [buildResource('AccessLogs', 'AWS::Logs::LogGroup', { LogGroupName: '/orders/access' })],
      }),
      hits: [{ resource: 'AccessLogs', message: ['written by access logs of stage prod of API orders'] }],
    },
    {
      name: 'EventBridge target group and a group nothing names',
      app: buildApp({
        functions: [retained],
        resources: [
          buildResource('AuditLogs', 'AWS::Logs::LogGroup', {}),
          buildResource('Audit', 'AWS::Events::Rule', { Targets: [{ Id: 'logs', Arn: '${AuditLogs.Arn}' }] }),
          buildResource('Orphan', 'AWS::Logs::LogGroup', { LogGroupName: '/misc' }),
        ],
      }),
      hits: [{ resource: 'AuditLogs', message: ['written by EventBridge rule Audit'] }, { resource: 'Orphan', message: ['Log group Orphan has no retention period'] }],
    },
  ],
});
