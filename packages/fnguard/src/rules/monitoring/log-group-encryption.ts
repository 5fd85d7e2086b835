import type { ServerlessFunction } from '../../model/types.js';
import type { App } from '../../model/types.js';
import { rule } from '../rule.js';
import { secretEnvironment } from '../secrets/environment-secret-without-cmk.js';

const SECRET_READS = /^(secretsmanager:(getsecretvalue|\*)|ssm:(getparameters?|getparametersbypath|\*)|kms:(decrypt|\*)|\*)$/;

function handlesSecrets(app: App, fn: ServerlessFunction): string | undefined {
  if (secretEnvironment(fn).length > 0) return 'it holds secrets in its environment';
  const role = app.roles.find((candidate) => candidate.id === fn.roleId);
  const reads = role?.statements.some((statement) => statement.Effect === 'Allow' && (statement.Action ?? []).some((action) => SECRET_READS.test(action)));
  return reads ? 'its role can read secrets' : undefined;
}

export default rule({
  id: 'FG-LOG-005',
  title: 'Logs of a secret-handling function are not encrypted with a customer key',
  description:
    'A function that reads secrets writes logs to a group without a KMS key. A stray debug line or error message can put a secret in the logs, where anyone with logs:GetLogEvents reads it.',
  severity: 'low',
  sas: 'SAS-5',
  cwe: 'CWE-532',
  profile: 'strict',
  peers: { cdkNag: ['HIPAA.Security-CloudWatchLogGroupEncrypted'], checkov: ['CKV_AWS_158'] },
  remediation: 'Declare the function log group with a KmsKeyId (the key policy must allow the logs service principal), and redact secrets before logging (the @fnguard/runtime `log` option does it).',
  fix: {
    sam: ['OrdersFunctionLogs:', '  Type: AWS::Logs::LogGroup', '  Properties:', '    LogGroupName: !Sub /aws/lambda/${OrdersFunction}', '    RetentionInDays: 90', '    KmsKeyId: !GetAtt LogsKey.Arn'].join('\n'),
    serverless: ['resources:', '  Resources:', '    OrdersLogGroup:', '      Type: AWS::Logs::LogGroup', '      Properties:', '        KmsKeyId: !GetAtt LogsKey.Arn'].join('\n'),
  },
  check: (app) =>
    app.functions.flatMap((fn) => {
      if (fn.logGroup?.kmsKeyId !== undefined) return [];
      const reason = handlesSecrets(app, fn);
      if (reason === undefined) return [];
      return [{
        message: `Function ${fn.name} handles secrets (${reason}) and its logs are not encrypted with a customer KMS key.`,
        location: fn.logGroup?.location ?? fn.location,
        function: fn.id,
        key: 'log-kms',
      }];
    }),
});
