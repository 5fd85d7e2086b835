/**
 * AWS managed policy names as SAM accepts them in `Policies`, turned into ARNs. SAM looks the
 * name up in the account at deploy time; statically we know that the Lambda and CodeDeploy
 * service policies live under `service-role/` and every other AWS managed policy at the top.
 */
const SERVICE_ROLE_POLICIES = new Set([
  'AWSLambdaBasicExecutionRole', 'AWSLambdaBasicDurableExecutionRolePolicy', 'AWSLambdaVPCAccessExecutionRole',
  'AWSLambdaKinesisExecutionRole', 'AWSLambdaDynamoDBExecutionRole', 'AWSLambdaSQSQueueExecutionRole',
  'AWSLambdaMSKExecutionRole', 'AWSLambdaRole', 'AWSLambdaENIManagementAccess', 'AWSCodeDeployRoleForLambda',
  'AWSCodeDeployRoleForLambdaLimited', 'AWSCodeDeployRole', 'AmazonAPIGatewayPushToCloudWatchLogs',
  'AWSConfigRulesExecutionRole', 'AWSIoTLogging', 'AWSIoTRuleActions',
  'AWSGlueServiceRole', 'AmazonEC2RoleforSSM', 'AmazonSSMAutomationRole', 'AWSBatchServiceRole',
]);

/** The ARN of an AWS managed policy, in the partition the template resolves to. */
export function managedPolicyArn(name: string, partition = 'aws'): string {
  const folder = SERVICE_ROLE_POLICIES.has(name) ? 'service-role/' : '';
  return `arn:${partition}:iam::aws:policy/${folder}${name}`;
}

export const BASIC_EXECUTION = managedPolicyArn('AWSLambdaBasicExecutionRole');
export const VPC_ACCESS = managedPolicyArn('AWSLambdaVPCAccessExecutionRole');
export const XRAY_WRITE = managedPolicyArn('AWSXrayWriteOnlyAccess');
export const DURABLE_EXECUTION = managedPolicyArn('AWSLambdaBasicDurableExecutionRolePolicy');
