import { buildApi, buildApp, buildFunction, buildTrigger, loc } from '../../../test/helpers/app-builder.js';
import { testRule } from '../../../test/helpers/rule-cases.js';
import apiAccessLogFormat from './api-access-log-format.js';
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
  ],
});

testRule(apiAccessLogFormat, {
  valid: [
    { name: 'JSON format', app: buildApp({ apis: [buildApi('Api', { stages: [{ name: 'prod', accessLogging: { destination: 'x', format: '{"requestId":"$context.requestId","status":$context.status}' } }] })] }) },
    { name: 'no logging (FG-LOG-002 reports it)', app: buildApp({ apis: [buildApi('Api', { stages: [{ name: 'prod' }] })] }) },
  ],
  invalid: [
    { name: 'CLF format', app: buildApp({ apis: [buildApi('Api', { stages: [{ name: 'prod', accessLogging: { destination: 'x', format: '$context.identity.sourceIp $context.identity.caller [$context.requestTime] "$context.httpMethod"' } }] })] }), hits: [{ evidence: ['$context.identity.sourceIp'] }] },
  ],
});

testRule(logRetention, {
  valid: [{ name: 'declared retention', app: buildApp({ functions: [buildFunction('Fn', { logGroup: { retentionInDays: 90 } })] }) }],
  invalid: [
    { name: 'no log group', app: buildApp({ functions: [buildFunction('Fn')] }), hits: [{ function: 'Fn', message: ['keeps logs forever'] }] },
    { name: 'log group without retention', app: buildApp({ functions: [buildFunction('Fn', { logGroup: { resourceId: 'FnLogs', location: loc(70) } })] }), hits: [{ line: 70, message: ['no retention period'] }] },
  ],
});
