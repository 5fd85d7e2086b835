import type { Resource } from '../../model/types.js';
import { asString } from '../../model/values.js';
import { rule, type RuleHit } from '../rule.js';
import { property, referencedId, resourcesOfType } from '../support/model-queries.js';

/**
 * A service principal acts on behalf of every AWS account: without SourceArn or SourceAccount,
 * another account's bucket, topic or rule can invoke the function (the confused deputy).
 */
function permissionHit(permission: Resource): RuleHit | undefined {
  // Function URL permissions are judged by FG-LAMBDA-001 together with the URL's AuthType.
  if (property(permission.properties, 'FunctionUrlAuthType') !== undefined) return undefined;
  const principal = asString(property(permission.properties, 'Principal'));
  if (principal === undefined) return undefined;
  const target = referencedId(property(permission.properties, 'FunctionName')) ?? asString(property(permission.properties, 'FunctionName')) ?? 'a function';
  const sourceArn = property(permission.properties, 'SourceArn');
  const sourceAccount = property(permission.properties, 'SourceAccount');
  const orgId = property(permission.properties, 'PrincipalOrgID');
  if (principal === '*') {
    if (orgId !== undefined) return undefined;
    return {
      message: `Permission ${permission.id} lets any principal (*) invoke ${target}${sourceArn === undefined ? '' : ' (SourceArn narrows only service calls, not direct invocations)'}.`,
      location: permission.location,
      resource: permission.id,
      function: referencedId(property(permission.properties, 'FunctionName')),
      severity: 'critical',
      evidence: 'Principal: "*"',
      key: 'any-principal',
    };
  }
  if (principal.endsWith('.amazonaws.com') && sourceArn === undefined && sourceAccount === undefined) {
    return {
      message: `Permission ${permission.id} lets ${principal} invoke ${target} with neither SourceArn nor SourceAccount: a resource in another AWS account can trigger it (confused deputy).`,
      location: permission.location,
      resource: permission.id,
      function: referencedId(property(permission.properties, 'FunctionName')),
      evidence: `Principal: ${principal}`,
      key: `service:${principal}`,
    };
  }
  return undefined;
}

export default rule({
  id: 'FG-LAMBDA-002',
  title: 'Lambda permission open to any principal or to a service without a source',
  description:
    'An AWS::Lambda::Permission grants lambda:InvokeFunction to `*`, or to an AWS service principal (s3, sns, events, ...) without SourceArn or SourceAccount. ' +
    'In the first case anyone with AWS credentials can invoke the function; in the second a resource in any account, such as a bucket named like yours, can trigger it.',
  severity: 'high',
  sas: 'SAS-3',
  cwe: 'CWE-441',
  profile: 'recommended',
  peers: { cdkNag: ['HIPAA.Security-LambdaFunctionPublicAccessProhibited'], checkov: ['CKV_AWS_301', 'CKV_AWS_364'] },
  remediation: 'Name the one principal that needs to invoke the function and pin it to the source resource with SourceArn, plus SourceAccount for S3 (bucket ARNs carry no account id).',
  fix: {
    sam: [
      'UploadPermission:',
      '  Type: AWS::Lambda::Permission',
      '  Properties:',
      '    Action: lambda:InvokeFunction',
      '    FunctionName: !Ref ProcessUpload',
      '    Principal: s3.amazonaws.com',
      '    SourceArn: !GetAtt UploadsBucket.Arn',
      '    SourceAccount: !Ref AWS::AccountId',
    ].join('\n'),
    serverless: [
      'resources:',
      '  Resources:',
      '    UploadPermission:',
      '      Type: AWS::Lambda::Permission',
      '      Properties:',
      '        Action: lambda:InvokeFunction',
      '        FunctionName: !GetAtt ProcessUploadLambdaFunction.Arn',
      '        Principal: s3.amazonaws.com',
      '        SourceArn: !GetAtt UploadsBucket.Arn',
      '        SourceAccount: !Ref AWS::AccountId',
    ].join('\n'),
  },
  check: (app) =>
    resourcesOfType(app, 'AWS::Lambda::Permission')
      .map(permissionHit)
      .filter((hit): hit is RuleHit => hit !== undefined),
});
