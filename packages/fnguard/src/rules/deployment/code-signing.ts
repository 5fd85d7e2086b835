import { rule } from '../rule.js';

export default rule({
  id: 'FG-DEPLOY-001',
  title: 'Function without code signing',
  description: 'A function has no code signing configuration, so Lambda accepts any code package uploaded with deploy rights, including one altered in the build pipeline or the artifact bucket.',
  severity: 'low',
  sas: 'SAS-3',
  cwe: 'CWE-494',
  profile: 'strict',
  peers: { checkov: ['CKV_AWS_272'] },
  remediation: 'Create an AWS Signer signing profile, sign packages in CI, and attach a code signing configuration that enforces it (UntrustedArtifactOnDeployment: Enforce).',
  fix: {
    sam: [
      'Globals:',
      '  Function:',
      '    CodeSigningConfigArn: !Ref SigningConfig',
      'SigningConfig:',
      '  Type: AWS::Lambda::CodeSigningConfig',
      '  Properties:',
      '    AllowedPublishers: {SigningProfileVersionArns: [!GetAtt SigningProfile.ProfileVersionArn]}',
      '    CodeSigningPolicies: {UntrustedArtifactOnDeployment: Enforce}',
    ].join('\n'),
    serverless: [
      'functions:',
      '  createOrder:',
      '    # the Framework has no first-class setting: override the generated function',
      'resources:',
      '  extensions:',
      '    CreateOrderLambdaFunction:',
      '      Properties:',
      '        CodeSigningConfigArn: !Ref SigningConfig',
    ].join('\n'),
  },
  check: (app) =>
    app.functions
      .filter((fn) => fn.codeSigningConfig === undefined && fn.packageType !== 'Image' && fn.inlineCode !== true)
      .map((fn) => ({ message: `Function ${fn.name} accepts unsigned code packages.`, location: fn.location, function: fn.id, key: 'code-signing' })),
});
