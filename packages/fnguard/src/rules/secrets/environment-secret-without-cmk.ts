import type { EnvironmentVariable, ServerlessFunction } from '../../model/types.js';
import { rule } from '../rule.js';

/** Values resolved at deploy time land in the function configuration as plain text. */
const DEPLOY_TIME_SECRET: ReadonlySet<EnvironmentVariable['reference']> = new Set(['secretsmanager', 'ssm-secure']);

export function secretEnvironment(fn: ServerlessFunction): EnvironmentVariable[] {
  return fn.environment.filter((variable) => variable.secretLike || DEPLOY_TIME_SECRET.has(variable.reference));
}

export default rule({
  id: 'FG-SECRETS-004',
  title: 'Secrets in environment variables without a customer KMS key',
  description:
    'A function keeps secrets in environment variables (plaintext, or resolved at deploy time from Secrets Manager or SecureString parameters) and encrypts them with the AWS-managed key. ' +
    'Anyone allowed lambda:GetFunctionConfiguration reads them in clear text; a customer key adds a kms:Decrypt permission an attacker must also hold.',
  severity: 'low',
  sas: 'SAS-7',
  cwe: 'CWE-312',
  profile: 'strict',
  peers: { checkov: ['CKV_AWS_173'] },
  remediation: 'Better: fetch secrets at run time (Secrets Manager / SSM with caching, for example the @fnguard/runtime `secrets` option) and keep only their names in the environment. Otherwise set KmsKeyArn to a customer-managed key.',
  fix: {
    sam: ['OrdersFunction:', '  Type: AWS::Serverless::Function', '  Properties:', '    KmsKeyArn: !GetAtt FunctionSecretsKey.Arn'].join('\n'),
    serverless: ['provider:', '  kmsKeyArn: !GetAtt FunctionSecretsKey.Arn'].join('\n'),
  },
  check: (app) =>
    app.functions.flatMap((fn) => {
      const secrets = secretEnvironment(fn);
      if (secrets.length === 0 || fn.kmsKeyArn !== undefined) return [];
      return [{
        message: `Function ${fn.name} holds secrets in ${secrets.map((variable) => variable.name).join(', ')} encrypted only with the AWS-managed key.`,
        location: secrets[0]!.location,
        function: fn.id,
        key: 'env-kms',
      }];
    }),
});
