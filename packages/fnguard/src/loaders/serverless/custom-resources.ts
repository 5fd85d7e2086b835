/**
 * The helper function the Framework (v3) deploys to wire events to resources CloudFormation
 * cannot modify: buckets and user pools marked `existing: true`. It is a real function with a
 * role of its own that may rewrite bucket notifications and add invoke permissions to any
 * function of the account, so it belongs in the model like any other.
 */
import type { IamStatement, Role, ServerlessFunction } from '../../model/types.js';
import { normalizeStatements } from '../../model/iam.js';
import { asBoolean, asString, isRecord } from '../../model/values.js';
import type { ServiceContext } from './context.js';
import type { FunctionEntry } from './functions.js';
import { defaultFunctionName, functionLogicalId } from './naming.js';

export const CUSTOM_RESOURCE_ROLE_ID = 'IamRoleCustomResourcesLambdaExecution';
/** What Framework v3.38 deploys for each helper. */
const HELPER = { runtime: 'nodejs16.x', memorySize: 1024, timeout: 180 };

interface ExistingSources {
  buckets: unknown[];
  /** deployed names of the functions wired to existing user pools */
  poolFunctions: string[];
}

function existingSources(entries: Array<{ entry: FunctionEntry; name: string }>): ExistingSources {
  const found: ExistingSources = { buckets: [], poolFunctions: [] };
  for (const { entry, name } of entries) {
    if (!Array.isArray(entry.config.events)) continue;
    for (const event of entry.config.events) {
      if (!isRecord(event)) continue;
      const s3 = event.s3;
      if (isRecord(s3) && asBoolean(s3.existing) === true && s3.bucket !== undefined) found.buckets.push(s3.bucket);
      const pool = event.cognitoUserPool;
      if (isRecord(pool) && asBoolean(pool.existing) === true && !found.poolFunctions.includes(name)) found.poolFunctions.push(name);
    }
  }
  return found;
}

function allow(ctx: ServiceContext, actions: string[], resources: unknown[]): IamStatement[] {
  return normalizeStatements({ Statement: [{ Effect: 'Allow', Action: actions, Resource: resources }] }, ctx.template, 'serverless:custom-resources', ctx.locate(['functions']));
}

function helper(ctx: ServiceContext, key: string, purpose: string): ServerlessFunction {
  return {
    id: functionLogicalId(key),
    name: defaultFunctionName(ctx.service, ctx.stage, key),
    ...HELPER,
    environment: [],
    layers: [],
    triggers: [],
    roleId: CUSTOM_RESOURCE_ROLE_ID,
    properties: { generatedBy: 'serverless-framework', purpose },
    location: ctx.locate(['functions']),
  };
}

const sub = (text: string) => ({ 'Fn::Sub': text });

/** The helpers needed by `functions` (with their deployed names) and the role they share. */
export function buildCustomResources(ctx: ServiceContext, functions: Array<{ entry: FunctionEntry; name: string }>): { functions: ServerlessFunction[]; role: Role } | undefined {
  const sources = existingSources(functions);
  const helpers: ServerlessFunction[] = [];
  const statements: IamStatement[] = [];
  if (sources.buckets.length > 0) {
    helpers.push(helper(ctx, 'custom-resource-existing-s3', 'notifications of existing S3 buckets'));
    const buckets = sources.buckets.map((bucket) => {
      const name = asString(bucket);
      // A bucket given by reference (`!Ref Bucket`) is its name, so the ARN is built around it.
      return name !== undefined ? sub(`arn:\${AWS::Partition}:s3:::${name}`) : { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::', bucket]] };
    });
    statements.push(
      ...allow(ctx, ['s3:GetBucketNotification', 's3:PutBucketNotification'], buckets),
      ...allow(ctx, ['lambda:AddPermission', 'lambda:RemovePermission'], [sub('arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:*')]),
    );
  }
  if (sources.poolFunctions.length > 0) {
    helpers.push(helper(ctx, 'custom-resource-existing-cup', 'triggers of existing Cognito user pools'));
    statements.push(
      ...allow(ctx, ['cognito-idp:ListUserPools', 'cognito-idp:DescribeUserPool', 'cognito-idp:UpdateUserPool'], ['*']),
      ...allow(ctx, ['lambda:AddPermission', 'lambda:RemovePermission'], sources.poolFunctions.map((name) => sub(`arn:\${AWS::Partition}:lambda:*:*:function:${name}`))),
      ...allow(ctx, ['iam:PassRole'], [sub('arn:${AWS::Partition}:iam::*:role/*')]),
    );
  }
  if (helpers.length === 0) return undefined;
  const location = ctx.locate(['functions']);
  const role: Role = {
    id: CUSTOM_RESOURCE_ROLE_ID,
    implicit: true,
    statements,
    managedPolicyArns: [],
    trustPolicy: normalizeStatements({ Statement: [{ Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] }, Action: ['sts:AssumeRole'] }] }, ctx.template, 'serverless:trust', location),
    usedBy: helpers.map((fn) => fn.id),
    location,
  };
  return { functions: helpers, role };
}
