/**
 * Privilege-escalation combinations: sets of actions that together let a principal obtain
 * permissions it was not given. Each entry is data; findEscalations evaluates them against
 * Allow minus Deny (see grants.ts for how Denies count).
 */
import type { IamStatement } from '../../model/types.js';
import { type IamCatalog, iamCatalog } from './catalog.js';
import {
  AWS_LAMBDA_UPDATE_CONFIGURATION,
  BISHOP_FOX,
  type Citation,
  HACKING_THE_CLOUD_PRIVESC,
  HACKING_THE_CLOUD_SSM,
  RHINO,
} from './citations.js';
import { type ActionGrant, type Confidence, evaluateAllOf } from './grants.js';
import { type StatementAnalysis, analyzeStatement } from './statements.js';

export interface EscalationMethod {
  id: string;
  title: string;
  /** all must be granted */
  actions: readonly string[];
  /** grants on named resources do not count (the action is routine when targeted) */
  requireBroad?: boolean;
  description: string;
  citation: Citation;
}

export interface Escalation {
  id: string;
  title: string;
  description: string;
  citation: Citation;
  /** `definite`: every action granted on every resource with nothing narrowing it */
  confidence: Confidence;
  grants: ActionGrant[];
  /** why a `possible` escalation is not definite */
  reasons: string[];
}

const method = (
  id: string,
  title: string,
  actions: string[],
  description: string,
  citation: Citation,
  requireBroad = false,
): EscalationMethod => ({ id, title, actions, description, citation, requireBroad });

export const ESCALATION_METHODS: readonly EscalationMethod[] = [
  method('iam-create-policy-version', 'Create a new managed policy version', ['iam:createpolicyversion'],
    'Publishing a new default version of a customer managed policy rewrites the permissions of every principal it is attached to, including this one.', RHINO),
  method('iam-set-default-policy-version', 'Switch a managed policy to another version', ['iam:setdefaultpolicyversion'],
    'An older, broader version of an attached policy can be made the active one.', RHINO),
  method('iam-passrole-ec2', 'Launch an instance with a stronger role', ['iam:passrole', 'ec2:runinstances'],
    'A new EC2 instance can be started with any passable instance profile and its credentials read from the metadata service.', RHINO),
  method('iam-create-access-key', 'Create access keys for another user', ['iam:createaccesskey'],
    'Long-term keys can be minted for any user the statement covers, including administrators.', RHINO),
  method('iam-create-login-profile', 'Give a user a console password', ['iam:createloginprofile'],
    'A console password can be set on users that have none, then used to sign in as them.', RHINO),
  method('iam-update-login-profile', 'Reset a user console password', ['iam:updateloginprofile'],
    'The console password of an existing user can be changed and used to sign in as them.', RHINO),
  method('iam-attach-user-policy', 'Attach a managed policy to a user', ['iam:attachuserpolicy'],
    'Any managed policy, AdministratorAccess included, can be attached to a user the attacker controls.', RHINO),
  method('iam-attach-group-policy', 'Attach a managed policy to a group', ['iam:attachgrouppolicy'],
    'Any managed policy can be attached to a group whose members the attacker controls.', RHINO),
  method('iam-attach-role-policy', 'Attach a managed policy to a role', ['iam:attachrolepolicy'],
    'Any managed policy can be attached to a role, including the role this code already runs as.', RHINO),
  method('iam-put-user-policy', 'Write an inline policy on a user', ['iam:putuserpolicy'],
    'An inline policy with arbitrary permissions can be written onto a user.', RHINO),
  method('iam-put-group-policy', 'Write an inline policy on a group', ['iam:putgrouppolicy'],
    'An inline policy with arbitrary permissions can be written onto a group.', RHINO),
  method('iam-put-role-policy', 'Write an inline policy on a role', ['iam:putrolepolicy'],
    'An inline policy with arbitrary permissions can be written onto a role, including the one this code runs as.', RHINO),
  method('iam-add-user-to-group', 'Join a more privileged group', ['iam:addusertogroup'],
    'A controlled user can be added to any group and inherit its permissions.', RHINO),
  method('iam-update-assume-role-policy', 'Rewrite a role trust policy and assume it', ['iam:updateassumerolepolicy', 'sts:assumerole'],
    'The trust policy of a stronger role can be changed to trust the attacker, who then assumes it.', RHINO),
  method('iam-passrole-lambda-invoke', 'Create and invoke a function with a stronger role', ['iam:passrole', 'lambda:createfunction', 'lambda:invokefunction'],
    'New function code can be deployed with any passable role and invoked directly.', RHINO),
  method('iam-passrole-lambda-event-source', 'Create a function with a stronger role and trigger it from a stream', ['iam:passrole', 'lambda:createfunction', 'lambda:createeventsourcemapping'],
    'New function code can be deployed with any passable role and triggered through an event source mapping, without invoke permission.', RHINO),
  method('lambda-update-function-code', 'Replace the code of an existing function', ['lambda:updatefunctioncode'],
    'Existing functions can be given new code, which then runs with their execution roles.', RHINO),
  method('iam-passrole-glue-dev-endpoint', 'Create a Glue development endpoint with a stronger role', ['iam:passrole', 'glue:createdevendpoint'],
    'A Glue development endpoint can be created with any passable role and reached over SSH.', RHINO),
  method('glue-update-dev-endpoint', 'Take over an existing Glue development endpoint', ['glue:updatedevendpoint'],
    'A new SSH key can be placed on an existing endpoint to use the role attached to it.', RHINO),
  method('iam-passrole-cloudformation', 'Create a stack with a stronger role', ['iam:passrole', 'cloudformation:createstack'],
    'A CloudFormation stack can be created with any passable service role, which then creates whatever resources the template declares.', RHINO),
  method('iam-passrole-datapipeline', 'Run a data pipeline with a stronger role', ['iam:passrole', 'datapipeline:createpipeline', 'datapipeline:putpipelinedefinition', 'datapipeline:activatepipeline'],
    'A pipeline definition can run arbitrary commands under any passable role.', RHINO),
  method('lambda-update-function-configuration', 'Inject code into an existing function through its configuration', ['lambda:updatefunctionconfiguration'],
    'Adding a layer or a runtime wrapper environment variable to an existing function makes it run attacker code with its execution role; with iam:PassRole the role itself can also be swapped.', AWS_LAMBDA_UPDATE_CONFIGURATION),
  method('iam-passrole-ecs-task', 'Run an ECS task with a stronger role', ['iam:passrole', 'ecs:registertaskdefinition', 'ecs:runtask'],
    'A task definition with any passable task role can be registered and run.', BISHOP_FOX),
  method('iam-passrole-codebuild', 'Run a build project with a stronger role', ['iam:passrole', 'codebuild:createproject', 'codebuild:startbuild'],
    'A build project with any passable service role can be created and started, running arbitrary build commands.', BISHOP_FOX),
  method('iam-passrole-sagemaker-notebook', 'Open a notebook with a stronger role', ['iam:passrole', 'sagemaker:createnotebookinstance', 'sagemaker:createpresignednotebookinstanceurl'],
    'A notebook instance with any passable role can be created and opened in a browser.', BISHOP_FOX),
  method('sagemaker-presigned-notebook-url', 'Open an existing notebook', ['sagemaker:createpresignednotebookinstanceurl'],
    'A sign-in URL for an existing notebook gives a shell with the notebook role.', BISHOP_FOX),
  method('iam-passrole-glue-job', 'Run a Glue job with a stronger role', ['iam:passrole', 'glue:createjob', 'glue:startjobrun'],
    'A Glue job with any passable role can be created and started.', BISHOP_FOX),
  method('iam-passrole-autoscaling', 'Launch instances through Auto Scaling with a stronger role', ['iam:passrole', 'autoscaling:createlaunchconfiguration', 'autoscaling:createautoscalinggroup'],
    'A launch configuration with any passable instance profile can be used to start instances.', HACKING_THE_CLOUD_PRIVESC),
  method('sts-assume-any-role', 'Assume any role', ['sts:assumerole'],
    'sts:AssumeRole on every resource reaches any role in any account whose trust policy accepts this one.', HACKING_THE_CLOUD_PRIVESC, true),
  method('ssm-send-command-any-instance', 'Run commands on any managed instance', ['ssm:sendcommand'],
    'Commands can be run on every managed instance and use the credentials of its instance profile.', HACKING_THE_CLOUD_SSM, true),
  method('ssm-start-session-any-instance', 'Open a shell on any managed instance', ['ssm:startsession'],
    'An interactive session can be opened on every managed instance, with its instance profile credentials.', HACKING_THE_CLOUD_SSM, true),
];

export function findEscalationsIn(
  analyses: readonly StatementAnalysis[],
  catalog: IamCatalog = iamCatalog(),
  methods: readonly EscalationMethod[] = ESCALATION_METHODS,
): Escalation[] {
  const found: Escalation[] = [];
  for (const entry of methods) {
    const result = evaluateAllOf(analyses, entry.actions, entry.requireBroad, catalog);
    if (!result) continue;
    found.push({
      id: entry.id,
      title: entry.title,
      description: entry.description,
      citation: entry.citation,
      confidence: result.confidence,
      grants: result.grants,
      reasons: [...new Set(result.reasons)],
    });
  }
  return found;
}

export function findEscalations(statements: readonly IamStatement[], catalog: IamCatalog = iamCatalog()): Escalation[] {
  return findEscalationsIn(statements.map((statement) => analyzeStatement(statement, catalog)), catalog);
}
