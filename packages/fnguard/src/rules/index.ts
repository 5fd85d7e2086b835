/**
 * The rule registry. A rule exists for the scanner once it is listed here; `fnguard rules`,
 * docs/rules.md and SARIF rule indexes all follow the id order this module produces.
 */
import corsAnyOriginCredentials from './api/cors-any-origin-credentials.js';
import httpTriggerNoAuth from './api/http-trigger-no-auth.js';
import publicApiWithoutWaf from './api/public-api-without-waf.js';
import restRequestValidation from './api/rest-request-validation.js';
import cognitoMfaOff from './cognito/mfa-off.js';
import cognitoWeakPasswordPolicy from './cognito/weak-password-policy.js';
import cognitoUnauthenticatedIdentities from './cognito/unauthenticated-identities.js';
import codeSigning from './deployment/code-signing.js';
import dynamodbOwnedKey from './deployment/dynamodb-owned-key.js';
import dynamodbRecovery from './deployment/dynamodb-recovery.js';
import messagingEncryption from './deployment/messaging-encryption.js';
import messagingTls from './deployment/messaging-tls.js';
import outsideVpcUsesPrivateResource from './deployment/outside-vpc-uses-private-resource.js';
import vpcOpenEgress from './deployment/vpc-open-egress.js';
import asyncWithoutFailureDestination from './dos/async-without-failure-destination.js';
import publicApiNoThrottling from './dos/public-api-no-throttling.js';
import publicFunctionNoConcurrencyLimit from './dos/public-function-no-concurrency-limit.js';
import queueWithoutRedrive from './dos/queue-without-redrive.js';
import streamWithoutFailureHandling from './dos/stream-without-failure-handling.js';
import subscriptionWithoutDlq from './dos/subscription-without-dlq.js';
import timeoutBeyondCaller from './dos/timeout-beyond-caller.js';
import broadManagedPolicy from './iam/broad-managed-policy.js';
import exfiltrationReach from './iam/exfiltration-reach.js';
import notActionAllow from './iam/not-action-allow.js';
import privilegeEscalation from './iam/privilege-escalation.js';
import samFullAccessTemplate from './iam/sam-full-access-template.js';
import sharedRole from './iam/shared-role.js';
import trustPolicyOpen from './iam/trust-policy-open.js';
import wildcardAction from './iam/wildcard-action.js';
import wildcardPermissions from './iam/wildcard-permissions.js';
import wildcardResourceWrite from './iam/wildcard-resource-write.js';
import { defaultMemory, defaultTimeout } from './lambda/default-memory-timeout.js';
import eolRuntime from './lambda/eol-runtime.js';
import functionUrlAuthNone from './lambda/function-url-auth-none.js';
import permissionOpenPrincipal from './lambda/permission-open-principal.js';
import apiAccessLogFormat from './monitoring/api-access-log-format.js';
import apiAccessLogging from './monitoring/api-access-logging.js';
import functionTracingOff from './monitoring/function-tracing-off.js';
import logGroupEncryption from './monitoring/log-group-encryption.js';
import logRetention from './monitoring/log-retention.js';
import workflowObservability from './monitoring/workflow-observability.js';
import type { Rule } from './rule.js';
import defaultEncryption from './s3/default-encryption.js';
import publicAccessBlockOff from './s3/public-access-block-off.js';
import publicBucket from './s3/public-bucket.js';
import tlsOnly from './s3/tls-only.js';
import environmentSecretWithoutCmk from './secrets/environment-secret-without-cmk.js';
import parameterDefaultSecret from './secrets/parameter-default-secret.js';
import plaintextEnvSecret from './secrets/plaintext-env-secret.js';
import secretWithoutRotation from './secrets/secret-without-rotation.js';

const ALL: Rule[] = [
  // api
  httpTriggerNoAuth, corsAnyOriginCredentials, restRequestValidation, publicApiWithoutWaf,
  // cognito
  cognitoWeakPasswordPolicy, cognitoMfaOff, cognitoUnauthenticatedIdentities,
  // deployment
  codeSigning, messagingEncryption, messagingTls, dynamodbRecovery, vpcOpenEgress, outsideVpcUsesPrivateResource, dynamodbOwnedKey,
  // denial of service and cost
  publicFunctionNoConcurrencyLimit, publicApiNoThrottling, timeoutBeyondCaller, asyncWithoutFailureDestination,
  streamWithoutFailureHandling, queueWithoutRedrive, subscriptionWithoutDlq,
  // iam
  wildcardAction, wildcardResourceWrite, trustPolicyOpen, notActionAllow, broadManagedPolicy, privilegeEscalation,
  exfiltrationReach, sharedRole, samFullAccessTemplate, wildcardPermissions,
  // lambda
  functionUrlAuthNone, permissionOpenPrincipal, defaultMemory, defaultTimeout, eolRuntime,
  // monitoring
  functionTracingOff, apiAccessLogging, apiAccessLogFormat, logRetention, logGroupEncryption, workflowObservability,
  // s3
  publicBucket, publicAccessBlockOff, tlsOnly, defaultEncryption,
  // secrets
  plaintextEnvSecret, parameterDefaultSecret, secretWithoutRotation, environmentSecretWithoutCmk,
];

function byId(a: Rule, b: Rule): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Every shipped rule, in id order: the order of `fnguard rules`, docs/rules.md and SARIF ruleIndex. */
export const RULES: readonly Rule[] = Object.freeze([...ALL].sort(byId));

export function findRule(id: string): Rule | undefined {
  return RULES.find((candidate) => candidate.id === id);
}
