import { buildApi, buildApp, buildFunction, buildResource, buildTrigger, loc } from '../../../test/helpers/app-builder.js';
import { testRule } from '../../../test/helpers/rule-cases.js';
import asyncWithoutFailureDestination from './async-without-failure-destination.js';
import publicApiNoThrottling from './public-api-no-throttling.js';
import publicFunctionNoConcurrencyLimit from './public-function-no-concurrency-limit.js';
import queueWithoutRedrive from './queue-without-redrive.js';
import streamWithoutFailureHandling from './stream-without-failure-handling.js';
import subscriptionWithoutDlq from './subscription-without-dlq.js';
import timeoutBeyondCaller from './timeout-beyond-caller.js';

const publicHttp = buildTrigger('http-api', { apiId: 'Api', public: true, publicReason: 'route without authorizer' });

testRule(publicFunctionNoConcurrencyLimit, {
  valid: [
    { name: 'public with a limit', app: buildApp({ functions: [buildFunction('Fn', { triggers: [publicHttp], reservedConcurrency: 20 })] }) },
    { name: 'internal trigger only', app: buildApp({ functions: [buildFunction('Fn', { triggers: [buildTrigger('sqs', { invocation: 'poll' })] })] }) },
  ],
  invalid: [
    { name: 'public route', app: buildApp({ functions: [buildFunction('Fn', { triggers: [publicHttp] })] }), hits: [{ severity: 'medium', function: 'Fn', message: ['route without authorizer', 'Nothing in front of it limits the request rate'] }] },
    { name: 'open function URL', app: buildApp({ functions: [buildFunction('Fn', { url: { authType: 'NONE', location: loc(3) } })] }), hits: [{ severity: 'medium', message: ['public function URL'] }] },
    {
      name: 'public route behind a throttled API ranks lower',
      app: buildApp({ apis: [buildApi('Api', { name: 'orders', stages: [{ name: 'prod', throttling: { rateLimit: 50 } }] })], functions: [buildFunction('Fn', { triggers: [publicHttp] })] }),
      hits: [{ severity: 'low', message: ['API orders throttles requests', 'severity is lowered'] }],
    },
    {
      name: 'a throttled API does not help when an open function URL bypasses it',
      app: buildApp({ apis: [buildApi('Api', { usagePlan: true })], functions: [buildFunction('Fn', { triggers: [publicHttp], url: { authType: 'NONE', location: loc(3) } })] }),
      hits: [{ severity: 'medium' }],
    },
  ],
});

testRule(publicApiNoThrottling, {
  valid: [
    { name: 'stage throttling', app: buildApp({ apis: [buildApi('Api', { stages: [{ name: 'prod', throttling: { burstLimit: 100, rateLimit: 50 } }] })], functions: [buildFunction('Fn', { triggers: [publicHttp] })] }) },
    { name: 'usage plan', app: buildApp({ apis: [buildApi('Api', { usagePlan: true })], functions: [buildFunction('Fn', { triggers: [publicHttp] })] }) },
    { name: 'internal API', app: buildApp({ apis: [buildApi('Api')], functions: [buildFunction('Fn', { triggers: [buildTrigger('http-api', { apiId: 'Api' })] })] }) },
    { name: 'IAM-authorized routes only', app: buildApp({ apis: [buildApi('Api')], functions: [buildFunction('Fn', { triggers: [buildTrigger('http-api', { apiId: 'Api', auth: { type: 'iam' } })] })] }) },
    { name: 'authenticated routes on a PRIVATE endpoint', app: buildApp({ apis: [buildApi('Api', { endpointType: 'PRIVATE' })], functions: [buildFunction('Fn', { triggers: [buildTrigger('http-rest', { apiId: 'Api', auth: { type: 'cognito' } })] })] }) },
    { name: 'authenticated routes behind a resource policy', app: buildApp({ apis: [buildApi('Api', { properties: { Policy: { Statement: [] } } })], functions: [buildFunction('Fn', { triggers: [buildTrigger('http-rest', { apiId: 'Api', auth: { type: 'cognito' } })] })] }) },
    { name: 'authenticated API with stage throttling', app: buildApp({ apis: [buildApi('Api', { stages: [{ name: 'prod', throttling: { burstLimit: 10 } }] })], functions: [buildFunction('Fn', { triggers: [buildTrigger('http-api', { apiId: 'Api', auth: { type: 'jwt' } })] })] }) },
  ],
  invalid: [
    { name: 'public API without limits', app: buildApp({ apis: [buildApi('Api', { stages: [{ name: 'prod' }] })], functions: [buildFunction('Fn', { triggers: [publicHttp] })] }), hits: [{ severity: 'medium', resource: 'Api', message: ['public routes'] }] },
    {
      name: 'internet-facing API whose routes all need a user token ranks lower',
      app: buildApp({ apis: [buildApi('Api', { stages: [{ name: 'prod' }] })], functions: [buildFunction('Fn', { triggers: [buildTrigger('http-api', { apiId: 'Api', auth: { type: 'jwt', authorizer: 'jwt' } })] })] }),
      hits: [{ severity: 'low', message: ['require a user token'] }],
    },
    {
      name: 'a Lambda authorizer is named as the cost of a flood',
      app: buildApp({ apis: [buildApi('Api')], functions: [buildFunction('Fn', { triggers: [buildTrigger('http-rest', { apiId: 'Api', auth: { type: 'lambda', authorizer: 'TokenAuth' } })] })] }),
      hits: [{ severity: 'low', message: ['runs the Lambda authorizer'] }],
    },
  ],
});

testRule(timeoutBeyondCaller, {
  valid: [
    { name: 'REST route within 29 s', app: buildApp({ functions: [buildFunction('Fn', { timeout: 29, triggers: [buildTrigger('http-rest')] })] }) },
    { name: 'queue consumer with a long timeout', app: buildApp({ functions: [buildFunction('Fn', { timeout: 900, triggers: [buildTrigger('sqs')] })] }) },
    { name: 'default timeout', app: buildApp({ functions: [buildFunction('Fn', { triggers: [buildTrigger('http-rest')] })] }) },
  ],
  invalid: [
    { name: 'REST route at 60 s', app: buildApp({ functions: [buildFunction('Fn', { timeout: 60, triggers: [buildTrigger('http-rest')] })] }), hits: [{ message: ['60 s', '29 s', 'REST'] }] },
    { name: 'HTTP API and REST: the lower limit wins', app: buildApp({ functions: [buildFunction('Fn', { timeout: 30, triggers: [buildTrigger('http-api'), buildTrigger('http-rest')] })] }), hits: [{ message: ['29 s'] }] },
  ],
});

testRule(asyncWithoutFailureDestination, {
  valid: [
    { name: 'with a DLQ', app: buildApp({ functions: [buildFunction('Fn', { triggers: [buildTrigger('s3')], deadLetter: { type: 'sqs', target: '${Dlq.Arn}' } })] }) },
    { name: 'with an on-failure destination', app: buildApp({ functions: [buildFunction('Fn', { triggers: [buildTrigger('sns')], destinations: { onFailure: '${Q.Arn}' } })] }) },
    { name: 'synchronous only', app: buildApp({ functions: [buildFunction('Fn', { triggers: [buildTrigger('http-api')] })] }) },
    { name: 'polled only', app: buildApp({ functions: [buildFunction('Fn', { triggers: [buildTrigger('sqs', { invocation: 'poll' })] })] }) },
    {
      name: 'log subscription with an on-failure destination',
      app: buildApp({ functions: [buildFunction('Fn', { triggers: [buildTrigger('other', { config: { source: 'CloudWatchLogs' } })], destinations: { onFailure: '${Q.Arn}' } })] }),
    },
  ],
  invalid: [
    { name: 'S3 and schedule without either', app: buildApp({ functions: [buildFunction('Fn', { triggers: [buildTrigger('s3'), buildTrigger('schedule')] })] }), hits: [{ message: ['s3, schedule'] }] },
    {
      name: 'CloudWatch Logs subscription names its source',
      app: buildApp({ functions: [buildFunction('Fn', { triggers: [buildTrigger('other', { config: { source: 'CloudWatchLogs' } })] })] }),
      hits: [{ function: 'Fn', message: ['(CloudWatch Logs)'] }],
    },
  ],
});

const stream = (config: Record<string, unknown>) => buildApp({ functions: [buildFunction('Fn', { triggers: [buildTrigger('kinesis', { invocation: 'poll', name: 'Stream', config, location: loc(31) })] })] });

testRule(streamWithoutFailureHandling, {
  valid: [
    { name: 'SAM-style settings', app: stream({ MaximumRetryAttempts: 3, BisectBatchOnFunctionError: true, DestinationConfig: { OnFailure: { Destination: '${Q.Arn}' } } }) },
    { name: 'serverless-style settings', app: stream({ maximumRetryAttempts: 2, destinations: { onFailure: 'arn:aws:sqs:us-east-1:123456789012:failed' } }) },
  ],
  invalid: [
    { name: 'nothing set', app: stream({}), hits: [{ line: 31, message: ['no on-failure destination', 'unlimited retries', 'no batch bisection'] }] },
    { name: 'retries -1 mean forever', app: stream({ MaximumRetryAttempts: -1, DestinationConfig: { OnFailure: { Destination: 'x' } } }), hits: [{ message: ['unlimited retries'] }] },
  ],
});

testRule(queueWithoutRedrive, {
  valid: [
    { name: 'queue with a DLQ, and the DLQ itself', app: buildApp({ resources: [buildResource('Jobs', 'AWS::SQS::Queue', { RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['JobsDlq', 'Arn'] }, maxReceiveCount: 5 } }), buildResource('JobsDlq', 'AWS::SQS::Queue')] }) },
    { name: 'queue used as a function DLQ', app: buildApp({ resources: [buildResource('FnDlq', 'AWS::SQS::Queue')], functions: [buildFunction('Fn', { deadLetter: { type: 'sqs', target: '${FnDlq.Arn}' } })] }) },
  ],
  invalid: [
    { name: 'idle queue', app: buildApp({ resources: [buildResource('Jobs', 'AWS::SQS::Queue')] }), hits: [{ severity: 'low', resource: 'Jobs' }] },
    { name: 'consumed queue', app: buildApp({ resources: [buildResource('Jobs', 'AWS::SQS::Queue')], functions: [buildFunction('Fn', { triggers: [buildTrigger('sqs', { sourceId: '${Jobs.Arn}' })] })] }), hits: [{ severity: 'medium', message: ['a function consumes it'] }] },
    { name: 'consumed queue named by plain logical id', app: buildApp({ resources: [buildResource('Jobs', 'AWS::SQS::Queue')], functions: [buildFunction('Fn', { triggers: [buildTrigger('sqs', { sourceId: 'Jobs' })] })] }), hits: [{ severity: 'medium' }] },
  ],
});

testRule(subscriptionWithoutDlq, {
  valid: [
    { name: 'subscription with redrive and target with DLQ', app: buildApp({ resources: [buildResource('Sub', 'AWS::SNS::Subscription', { RedrivePolicy: { deadLetterTargetArn: 'x' } }), buildResource('Rule', 'AWS::Events::Rule', { Targets: [{ Id: 't', Arn: 'x', DeadLetterConfig: { Arn: 'y' } }] })] }) },
    { name: 'SAM SNS event with a redrive policy', app: buildApp({ functions: [buildFunction('Fn', { triggers: [buildTrigger('sns', { config: { RedrivePolicy: { deadLetterTargetArn: 'x' } } })] })] }) },
    { name: 'trigger standing for a declared subscription is judged once', app: buildApp({ resources: [buildResource('Sub', 'AWS::SNS::Subscription', { RedrivePolicy: {} })], functions: [buildFunction('Fn', { triggers: [buildTrigger('sns', { name: 'Sub' })] })] }) },
  ],
  invalid: [
    { name: 'subscription without redrive', app: buildApp({ resources: [buildResource('Sub', 'AWS::SNS::Subscription')] }), hits: [{ resource: 'Sub' }] },
    { name: 'rule target without DLQ', app: buildApp({ resources: [buildResource('Rule', 'AWS::Events::Rule', { Targets: [{ Id: 'fn', Arn: 'x' }] })] }), hits: [{ message: ['Target fn'] }] },
    { name: 'schedule trigger without DLQ', app: buildApp({ functions: [buildFunction('Fn', { triggers: [buildTrigger('schedule', { name: 'Nightly' })] })] }), hits: [{ function: 'Fn', message: ['Nightly'] }] },
  ],
});
