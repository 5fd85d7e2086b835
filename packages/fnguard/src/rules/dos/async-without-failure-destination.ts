import type { Trigger } from '../../model/types.js';
import { rule } from '../rule.js';

/** Unclassified (`other`) sources that name themselves in `config.source`, as readers know them. */
const OTHER_SOURCE_LABELS: Record<string, string> = {
  CloudWatchLogs: 'CloudWatch Logs', cloudwatchLog: 'CloudWatch Logs',
};

function sourceLabel(trigger: Trigger): string {
  const source = trigger.config.source;
  if (trigger.kind !== 'other' || typeof source !== 'string') return trigger.kind;
  return OTHER_SOURCE_LABELS[source] ?? source;
}

export default rule({
  id: 'FG-DOS-004',
  title: 'Asynchronously invoked function without a failure destination',
  description:
    'A function invoked asynchronously (S3, SNS, EventBridge, schedules, IoT, CloudWatch Logs subscriptions) has neither a dead-letter queue nor an on-failure destination. After two retries Lambda drops the event: ' +
    'failed orders, uploads or alerts disappear without a trace, and an attacker who can make events fail can erase them.',
  severity: 'medium',
  sas: 'SAS-8',
  cwe: 'CWE-755',
  profile: 'recommended',
  peers: { cdkNag: ['Serverless-LambdaAsyncFailureDestination', 'Serverless-LambdaDLQ'], serverlessRules: ['ES1007'], checkov: ['CKV_AWS_116'] },
  remediation: 'Add an on-failure destination (SQS, SNS, EventBridge or another function) or a dead-letter queue, and alarm on its depth.',
  fix: {
    sam: [
      'ProcessUpload:',
      '  Type: AWS::Serverless::Function',
      '  Properties:',
      '    EventInvokeConfig:',
      '      MaximumRetryAttempts: 2',
      '      DestinationConfig:',
      '        OnFailure:',
      '          Type: SQS',
      '          Destination: !GetAtt FailedEventsQueue.Arn',
    ].join('\n'),
    serverless: [
      'functions:',
      '  processUpload:',
      '    destinations:',
      '      onFailure:',
      '        type: sqs',
      '        arn: !GetAtt FailedEventsQueue.Arn',
    ].join('\n'),
  },
  check: (app) =>
    app.functions
      .filter((fn) => fn.triggers.some((trigger) => trigger.invocation === 'async'))
      .filter((fn) => fn.deadLetter === undefined && fn.destinations?.onFailure === undefined)
      .map((fn) => {
        const sources = [...new Set(fn.triggers.filter((trigger) => trigger.invocation === 'async').map(sourceLabel))];
        return {
          message: `Function ${fn.name} is invoked asynchronously (${sources.join(', ')}) and failed events are dropped: no dead-letter queue or on-failure destination.`,
          location: fn.location,
          function: fn.id,
          key: 'async-failure',
        };
      }),
});
