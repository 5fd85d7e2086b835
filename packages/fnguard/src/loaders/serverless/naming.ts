/**
 * Logical ids and deployed names as the Serverless Framework (AWS provider) generates them, so
 * that hand-written `resources:` can be joined to generated functions, roles and APIs by id.
 */

export const IMPLICIT_ROLE_ID = 'IamRoleLambdaExecution';
export const REST_API_ID = 'ApiGatewayRestApi';
export const HTTP_API_ID = 'HttpApi';
export const WEBSOCKET_API_ID = 'WebsocketsApi';

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `orders-create_v2` -> `OrdersDashcreateUnderscorev2`: dashes and underscores are spelled out. */
export function normalizedFunctionKey(key: string): string {
  return upperFirst(key.replace(/-/g, 'Dash').replace(/_/g, 'Underscore'));
}

export function functionLogicalId(key: string): string {
  return `${normalizedFunctionKey(key)}LambdaFunction`;
}

export function logGroupLogicalId(key: string): string {
  return `${normalizedFunctionKey(key)}LogGroup`;
}

/** Per-function roles as serverless-iam-roles-per-function names them. */
export function perFunctionRoleId(key: string): string {
  return `${normalizedFunctionKey(key)}IamRoleLambdaExecution`;
}

export function defaultFunctionName(service: string, stage: string, key: string): string {
  return `${service}-${stage}-${key}`;
}
