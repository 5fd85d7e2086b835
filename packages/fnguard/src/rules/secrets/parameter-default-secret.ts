import { classifyEnvironmentValue } from '../../model/secrets.js';
import { asString } from '../../model/values.js';
import { rule } from '../rule.js';

export default rule({
  id: 'FG-SECRETS-002',
  title: 'Template parameter holds a secret in its default value',
  description:
    'A template parameter whose name or default value looks like a credential has a Default. The secret is then in the template, in version control and in every deployment log; ' +
    'without NoEcho it is also shown in the CloudFormation console and API. NoEcho hides the value on display but not in the template, so it lowers the severity only.',
  severity: 'high',
  sas: 'SAS-7',
  cwe: 'CWE-798',
  profile: 'recommended',
  peers: {},
  remediation: 'Remove the Default and store the secret in Secrets Manager or SSM Parameter Store (SecureString); reference it with a dynamic reference such as {{resolve:secretsmanager:prod/db:SecretString:password}}.',
  fix: {
    sam: [
      'Environment:',
      '  Variables:',
      '    DB_PASSWORD: "{{resolve:secretsmanager:prod/db:SecretString:password}}"',
      '# or fetch it at run time with @fnguard/runtime secrets: { db: { secretsManager: "prod/db" } }',
    ].join('\n'),
    serverless: [
      'provider:',
      '  environment:',
      '    DB_PASSWORD_PARAM: /prod/db/password   # read with SSM GetParameter WithDecryption at run time',
    ].join('\n'),
  },
  check: (app) =>
    app.parameters.flatMap((parameter) => {
      const value = asString(parameter.default);
      if (value === undefined || value === '') return [];
      const verdict = classifyEnvironmentValue(parameter.name, value);
      if (!verdict.secretLike) return [];
      return [{
        message: `Parameter ${parameter.name} has a default that looks like a secret (${verdict.secretReason})${parameter.noEcho ? '; NoEcho hides it on display but it stays in the template' : ' and no NoEcho'}.`,
        location: parameter.location,
        resource: parameter.name,
        severity: parameter.noEcho ? 'medium' : 'high',
        evidence: `Default: ${value.slice(0, 4)}… (${value.length} characters)`,
        key: `parameter:${parameter.name}`,
      }];
    }),
});
