import { buildApp, buildResource } from '../../../test/helpers/app-builder.js';
import { testRule } from '../../../test/helpers/rule-cases.js';
import permissionOpenPrincipal from './permission-open-principal.js';

const permission = (properties: Record<string, unknown>) =>
  buildApp({ resources: [buildResource('InvokePermission', 'AWS::Lambda::Permission', { Action: 'lambda:InvokeFunction', FunctionName: { Ref: 'Worker' }, ...properties })] });

testRule(permissionOpenPrincipal, {
  valid: [
    { name: 'S3 principal pinned by SourceArn and SourceAccount', app: permission({ Principal: 's3.amazonaws.com', SourceArn: '${Bucket.Arn}', SourceAccount: '${AWS::AccountId}' }) },
    { name: 'SNS principal pinned by SourceArn', app: permission({ Principal: 'sns.amazonaws.com', SourceArn: { Ref: 'Topic' } }) },
    { name: 'a named account', app: permission({ Principal: '123456789012' }) },
    { name: '* narrowed to an organization', app: permission({ Principal: '*', PrincipalOrgID: 'o-abc123' }) },
    { name: 'function URL permission (FG-LAMBDA-001 judges it)', app: permission({ Principal: '*', Action: 'lambda:InvokeFunctionUrl', FunctionUrlAuthType: 'NONE' }) },
    { name: 'no permissions at all', app: buildApp() },
  ],
  invalid: [
    { name: 'any principal', app: permission({ Principal: '*' }), hits: [{ severity: 'critical', resource: 'InvokePermission', function: 'Worker', message: ['any principal (*)', 'Worker'] }] },
    { name: 'any principal despite a SourceArn', app: permission({ Principal: '*', SourceArn: '${Rule.Arn}' }), hits: [{ severity: 'critical', message: ['SourceArn narrows only service calls'] }] },
    { name: 'S3 principal without source', app: permission({ Principal: 's3.amazonaws.com' }), hits: [{ severity: 'high', message: ['confused deputy', 's3.amazonaws.com'] }] },
    { name: 'EventBridge principal without source', app: permission({ Principal: 'events.amazonaws.com' }), hits: [{ evidence: ['events.amazonaws.com'] }] },
  ],
});
