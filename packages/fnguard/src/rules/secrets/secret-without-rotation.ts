import { rule } from '../rule.js';
import { property, referencedId, resourcesOfType } from '../support/model-queries.js';

export default rule({
  id: 'FG-SECRETS-003',
  title: 'Secrets Manager secret without rotation',
  description: 'A Secrets Manager secret has no rotation schedule in the app, so a leaked value stays valid until someone rotates it by hand.',
  severity: 'low',
  sas: 'SAS-7',
  cwe: 'CWE-324',
  profile: 'strict',
  peers: { cdkNag: ['AwsSolutions-SMG4'], checkov: ['CKV2_AWS_57'] },
  remediation: 'Add an AWS::SecretsManager::RotationSchedule (a managed rotation for RDS/Redshift/DocumentDB, or a rotation function) with a period of 30 to 90 days.',
  fix: {
    sam: [
      'DbSecretRotation:',
      '  Type: AWS::SecretsManager::RotationSchedule',
      '  Properties:',
      '    SecretId: !Ref DbSecret',
      '    HostedRotationLambda:',
      '      RotationType: PostgreSQLSingleUser',
      '    RotationRules:',
      '      ScheduleExpression: rate(30 days)',
    ].join('\n'),
    serverless: [
      'resources:',
      '  Resources:',
      '    DbSecretRotation:',
      '      Type: AWS::SecretsManager::RotationSchedule',
      '      Properties:',
      '        SecretId: !Ref DbSecret',
      '        RotationLambdaARN: !GetAtt RotateSecretLambdaFunction.Arn',
      '        RotationRules:',
      '          AutomaticallyAfterDays: 30',
    ].join('\n'),
  },
  check: (app) => {
    const rotated = new Set(
      resourcesOfType(app, 'AWS::SecretsManager::RotationSchedule').map((schedule) => referencedId(property(schedule.properties, 'SecretId'))),
    );
    return resourcesOfType(app, 'AWS::SecretsManager::Secret')
      .filter((secret) => !rotated.has(secret.id))
      .map((secret) => ({ message: `Secret ${secret.id} has no rotation schedule.`, location: secret.location, resource: secret.id, key: 'rotation' }));
  },
});
