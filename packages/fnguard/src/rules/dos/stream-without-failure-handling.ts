import { asNumber } from '../../model/values.js';
import { rule } from '../rule.js';
import { booleanProperty, triggerConfig } from '../support/model-queries.js';

export default rule({
  id: 'FG-DOS-005',
  title: 'Stream consumer without failure handling',
  description:
    'A Kinesis or DynamoDB stream event source has no on-failure destination and unbounded retries. One record the function cannot process blocks its shard until the record expires ' +
    '(up to a year for Kinesis), while the function is invoked again and again: a poison record is a denial of service.',
  severity: 'medium',
  sas: 'SAS-8',
  cwe: 'CWE-835',
  profile: 'recommended',
  peers: { cdkNag: ['Serverless-LambdaEventSourceMappingDestination'], serverlessRules: ['ES1001'] },
  remediation: 'Set MaximumRetryAttempts, BisectBatchOnFunctionError and an on-failure destination so that a bad record is set aside and the shard moves on.',
  fix: {
    sam: [
      'Events:',
      '  Stream:',
      '    Type: Kinesis',
      '    Properties:',
      '      Stream: !GetAtt OrdersStream.Arn',
      '      StartingPosition: LATEST',
      '      MaximumRetryAttempts: 3',
      '      BisectBatchOnFunctionError: true',
      '      DestinationConfig:',
      '        OnFailure:',
      '          Destination: !GetAtt FailedRecordsQueue.Arn',
    ].join('\n'),
    serverless: [
      'functions:',
      '  consume:',
      '    events:',
      '      - stream:',
      '          arn: !GetAtt OrdersStream.Arn',
      '          maximumRetryAttempts: 3',
      '          bisectBatchOnFunctionError: true',
      '          destinations:',
      '            onFailure: !GetAtt FailedRecordsQueue.Arn',
    ].join('\n'),
  },
  check: (app) =>
    app.functions.flatMap((fn) =>
      fn.triggers
        .filter((trigger) => trigger.kind === 'kinesis' || trigger.kind === 'dynamodb-stream')
        .flatMap((trigger) => {
          const destination = triggerConfig(trigger, 'DestinationConfig', 'OnFailure', 'Destination') ?? triggerConfig(trigger, 'destinations', 'onFailure');
          const retries = asNumber(triggerConfig(trigger, 'MaximumRetryAttempts'));
          const bounded = retries !== undefined && retries >= 0;
          if (destination !== undefined && bounded) return [];
          const problems = [
            ...(destination === undefined ? ['no on-failure destination'] : []),
            ...(bounded ? [] : ['unlimited retries']),
            ...(booleanProperty(trigger.config, 'BisectBatchOnFunctionError') === true ? [] : ['no batch bisection']),
          ];
          return [{
            message: `The ${trigger.kind} trigger ${trigger.name} of ${fn.name} has ${problems.join(', ')}: one bad record can stall the shard.`,
            location: trigger.location,
            function: fn.id,
            key: `stream:${trigger.name}`,
          }];
        }),
    ),
});
