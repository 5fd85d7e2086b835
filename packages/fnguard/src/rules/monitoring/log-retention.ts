import { rule } from '../rule.js';

export default rule({
  id: 'FG-LOG-004',
  title: 'Function logs kept forever or not declared',
  description:
    "A function's log group has no retention period (the group Lambda creates on first run keeps logs forever). Logs that hold request data then outlive any data-retention promise, " +
    'and nobody decided how long evidence is kept.',
  severity: 'low',
  sas: 'SAS-5',
  cwe: 'CWE-779',
  profile: 'strict',
  peers: { cdkNag: ['Serverless-CloudWatchLogGroupRetentionPeriod'], serverlessRules: ['WS1004'], checkov: ['CKV_AWS_66'] },
  remediation: 'Declare the log group with a RetentionInDays that matches your policy (for example 90 or 365 days), or set provider.logRetentionInDays in serverless.yml.',
  fix: {
    sam: [
      'OrdersFunctionLogs:',
      '  Type: AWS::Logs::LogGroup',
      '  Properties:',
      '    LogGroupName: !Sub /aws/lambda/${OrdersFunction}',
      '    RetentionInDays: 90',
    ].join('\n'),
    serverless: ['provider:', '  logRetentionInDays: 90'].join('\n'),
  },
  check: (app) =>
    app.functions
      .filter((fn) => fn.logGroup?.retentionInDays === undefined)
      .map((fn) => ({
        message: fn.logGroup === undefined
          ? `Function ${fn.name} has no declared log group: Lambda creates one that keeps logs forever.`
          : `The log group of function ${fn.name} has no retention period.`,
        location: fn.logGroup?.location ?? fn.location,
        function: fn.id,
        key: 'retention',
      })),
});
