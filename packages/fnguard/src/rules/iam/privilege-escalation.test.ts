import { beforeAll } from 'vitest';
import { buildApp, buildFunction, buildResource, buildRole, buildStatement, buildTrigger } from '../../../test/helpers/app-builder.js';
import { testRule } from '../../../test/helpers/rule-cases.js';
import { loadIamCatalog } from '../../analyzers/iam/index.js';
import type { IamStatement, Trigger } from '../../model/types.js';
import privilegeEscalation from './privilege-escalation.js';

beforeAll(async () => {
  await loadIamCatalog();
});

const appWith = (statements: IamStatement[], triggers: Trigger[] = [], managedPolicyArns: string[] = []) =>
  buildApp({
    functions: [buildFunction('Deployer', { roleId: 'DeployerRole', triggers })],
    roles: [buildRole('DeployerRole', { statements, usedBy: ['Deployer'], managedPolicyArns })],
    resources: [buildResource('OrdersTable', 'AWS::DynamoDB::Table'), buildResource('Orders', 'AWS::Serverless::SimpleTable')],
  });

const allow = (Action: string[], Resource = ['*'], extra: Partial<IamStatement> = {}) => buildStatement({ Action, Resource, ...extra });
const deny = (Action: string[], extra: Partial<IamStatement> = {}) => buildStatement({ Effect: 'Deny', Action, Resource: ['*'], origin: 'inline:Guard', ...extra });

testRule(privilegeEscalation, {
  valid: [
    { name: 'data-plane actions only', app: appWith([allow(['dynamodb:getitem', 's3:putobject'])]) },
    { name: 'iam:PassRole alone leads nowhere', app: appWith([allow(['iam:passrole'])]) },
    { name: 'sts:AssumeRole on one named role is ordinary use', app: appWith([allow(['sts:assumerole'], ['arn:aws:iam::123456789012:role/reader'])]) },
    { name: 'an unconditional Deny cancels the grant', app: appWith([allow(['iam:putrolepolicy']), deny(['iam:putrolepolicy'])]) },
    { name: 'role without statements', app: appWith([]) },
    { name: 'every action on one table cannot touch IAM or Lambda', app: appWith([allow(['*'], ['${OrdersTable.Arn}', '${Orders.Arn}/index/*'])]) },
    { name: 'actions on an ARN of another service are void', app: appWith([allow(['iam:passrole', 'lambda:createfunction', 'lambda:invokefunction'], ['arn:aws:s3:::artifacts/*'])]) },
  ],
  invalid: [
    {
      name: 'replacing function code on every function',
      app: appWith([allow(['lambda:updatefunctioncode'])]),
      hits: [{
        severity: 'high',
        resource: 'DeployerRole',
        line: 40,
        message: ['Role DeployerRole (used by Deployer)', 'replace the code of an existing function', 'lambda:UpdateFunctionCode', 'runs with their execution roles'],
        evidence: ['Rhino Security Labs', 'https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/', 'granted by inline:Policy'],
      }],
    },
    {
      name: 'a combination spread over statements names every action',
      app: appWith([allow(['iam:passrole']), allow(['lambda:createfunction', 'lambda:invokefunction'])]),
      hits: [{ severity: 'high', message: ['iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction'] }],
    },
    {
      name: 'a public function makes it critical',
      app: appWith([allow(['iam:attachrolepolicy'])], [buildTrigger('http-rest', { public: true, method: 'POST', path: '/deploy', publicReason: 'route without authorizer' })]),
      hits: [{ severity: 'critical', message: ['iam:AttachRolePolicy', 'reachable from the internet through REST API route POST /deploy (route without authorizer)'] }],
    },
    {
      name: 'a conditional Deny makes it possible only, at medium',
      app: appWith([allow(['iam:createpolicyversion']), deny(['iam:createpolicyversion'], { Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1'] } } })]),
      hits: [{ severity: 'medium', message: ['Only possible', 'denied under some conditions', 'lowered one level'] }],
    },
    {
      name: 'a grant on one named function is possible only',
      app: appWith([allow(['lambda:updatefunctionconfiguration'], ['arn:aws:lambda:eu-west-1:123456789012:function:worker'])]),
      hits: [{ severity: 'medium', message: ['lambda:UpdateFunctionConfiguration', 'allowed only on'], evidence: ['docs.aws.amazon.com/lambda'] }],
    },
    {
      name: 'a reference the model cannot type is named by its logical id',
      app: appWith([allow(['lambda:updatefunctioncode'], ['${Worker.Arn}'])]),
      hits: [{ severity: 'medium', message: ['lambda:UpdateFunctionCode is allowed only on resource Worker'] }],
    },
    {
      name: 'a reference to a declared function is named as the function',
      app: { ...appWith([allow(['lambda:updatefunctioncode'], ['${Worker.Arn}'])]), resources: [buildResource('Worker', 'AWS::Serverless::Function')] },
      hits: [{ severity: 'medium', message: ['lambda:UpdateFunctionCode is allowed only on function Worker'] }],
    },
    {
      name: 'public and possible cancel out',
      app: appWith([allow(['glue:updatedevendpoint'], ['*'], { Condition: { StringEquals: { 'aws:ResourceTag/team': ['data'] } } })], [buildTrigger('function-url', { public: true })]),
      hits: [{ severity: 'high', message: ['narrowed by aws:ResourceTag/team', 'its function URL'] }],
    },
    {
      name: 'managed policies count, and point at the role',
      app: appWith([], [], ['arn:aws:iam::aws:policy/AWSLambda_FullAccess']),
      hits: [
        { line: 30, message: ['lambda:UpdateFunctionCode'], evidence: ['granted by managed:arn:aws:iam::aws:policy/AWSLambda_FullAccess'] },
        { line: 30, message: ['lambda:UpdateFunctionConfiguration'] },
      ],
    },
    {
      name: 'an administrator-like role gets one finding',
      app: appWith([allow(['*'])]),
      hits: [{ severity: 'high', message: ['administrator-like', 'inline:Policy allows every action on every resource', 'every known privilege-escalation path is open'], evidence: ['iam-create-policy-version', 'ssm-start-session-any-instance'] }],
    },
  ],
});
