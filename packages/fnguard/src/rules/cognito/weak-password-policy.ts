import { rule } from '../rule.js';
import { booleanProperty, numberProperty, propertyPath, resourcesOfType } from '../support/model-queries.js';

const MINIMUM_LENGTH = 12;

const CHARACTER_CLASSES: ReadonlyArray<[string, string]> = [
  ['RequireUppercase', 'upper-case letters'],
  ['RequireLowercase', 'lower-case letters'],
  ['RequireNumbers', 'numbers'],
  ['RequireSymbols', 'symbols'],
];

export default rule({
  id: 'FG-COGNITO-001',
  title: 'Cognito user pool accepts weak passwords',
  description:
    `A Cognito user pool's password policy requires fewer than ${MINIMUM_LENGTH} characters or leaves out a character class. ` +
    "Cognito's default is 8 characters, which falls quickly to credential stuffing and offline guessing when hashes leak from elsewhere.",
  severity: 'medium',
  sas: 'SAS-2',
  cwe: 'CWE-521',
  profile: 'recommended',
  peers: { cdkNag: ['AwsSolutions-COG1'] },
  remediation: `Require at least ${MINIMUM_LENGTH} characters and all four character classes, and pair the policy with MFA (FG-COGNITO-002).`,
  fix: {
    sam: [
      'UserPool:',
      '  Type: AWS::Cognito::UserPool',
      '  Properties:',
      '    Policies:',
      '      PasswordPolicy:',
      `        MinimumLength: ${MINIMUM_LENGTH}`,
      '        RequireUppercase: true',
      '        RequireLowercase: true',
      '        RequireNumbers: true',
      '        RequireSymbols: true',
    ].join('\n'),
    serverless: [
      'resources:',
      '  Resources:',
      '    UserPool:',
      '      Type: AWS::Cognito::UserPool',
      '      Properties:',
      '        Policies:',
      '          PasswordPolicy:',
      `            MinimumLength: ${MINIMUM_LENGTH}`,
      '            RequireUppercase: true',
      '            RequireLowercase: true',
      '            RequireNumbers: true',
      '            RequireSymbols: true',
    ].join('\n'),
  },
  check: (app) =>
    resourcesOfType(app, 'AWS::Cognito::UserPool').flatMap((pool) => {
      const policy = propertyPath(pool.properties, 'Policies', 'PasswordPolicy');
      const length = numberProperty(policy, 'MinimumLength') ?? 8;
      const missing = CHARACTER_CLASSES.filter(([key]) => booleanProperty(policy, key) !== true).map(([, label]) => label);
      if (length >= MINIMUM_LENGTH && missing.length === 0) return [];
      const problems = [
        ...(length < MINIMUM_LENGTH ? [`minimum length ${length}${policy === undefined ? ' (the default)' : ''}`] : []),
        ...(missing.length > 0 ? [`no requirement for ${missing.join(', ')}`] : []),
      ];
      return [{
        message: `User pool ${pool.id} accepts weak passwords: ${problems.join('; ')}.`,
        location: pool.location,
        resource: pool.id,
        evidence: policy === undefined ? 'no PasswordPolicy' : `PasswordPolicy: ${JSON.stringify(policy)}`,
        key: 'password-policy',
      }];
    }),
});
