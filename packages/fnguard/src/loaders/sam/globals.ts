/**
 * SAM `Globals`: settings declared once and inherited by every resource of a type.
 * Merge semantics follow the SAM specification: maps merge key by key (recursively), lists
 * concatenate (global items first), and anything else, intrinsic functions included, is
 * replaced by the resource's own value.
 */
import type { LoadWarning, SourceLocation } from '../../model/types.js';
import { isRecord } from '../../model/values.js';

/** Globals section name -> the resource type it applies to and the properties it may set. */
const GLOBAL_SECTIONS: Record<string, { type: string; keys: readonly string[] }> = {
  Function: {
    type: 'AWS::Serverless::Function',
    keys: [
      'Handler', 'Runtime', 'CodeUri', 'DeadLetterQueue', 'Description', 'MemorySize', 'Timeout', 'VpcConfig',
      'Environment', 'Tags', 'PropagateTags', 'Tracing', 'KmsKeyArn', 'Layers', 'AutoPublishAlias',
      'AutoPublishAliasAllProperties', 'DeploymentPreference', 'RolePath', 'PermissionsBoundary',
      'ReservedConcurrentExecutions', 'ProvisionedConcurrencyConfig', 'AssumeRolePolicyDocument',
      'EventInvokeConfig', 'Architectures', 'EphemeralStorage', 'SnapStart', 'RuntimeManagementConfig',
      'LoggingConfig', 'RecursiveLoop', 'SourceKMSKeyArn', 'FunctionUrlConfig', 'CodeSigningConfigArn',
      'CapacityProviderConfig', 'FunctionScalingConfig', 'DurableConfig', 'TenancyConfig', 'VersionDeletionPolicy',
      'PublishToLatestPublished',
    ],
  },
  Api: {
    type: 'AWS::Serverless::Api',
    keys: [
      'Auth', 'Name', 'DefinitionUri', 'CacheClusterEnabled', 'CacheClusterSize', 'MergeDefinitions', 'Variables',
      'EndpointConfiguration', 'MethodSettings', 'BinaryMediaTypes', 'MinimumCompressionSize', 'Cors',
      'GatewayResponses', 'AccessLogSetting', 'CanarySetting', 'TracingEnabled', 'OpenApiVersion', 'Domain',
      'AlwaysDeploy', 'PropagateTags', 'SecurityPolicy', 'EndpointAccessMode',
    ],
  },
  HttpApi: {
    type: 'AWS::Serverless::HttpApi',
    keys: [
      'Auth', 'AccessLogSettings', 'StageVariables', 'Tags', 'CorsConfiguration', 'DefaultRouteSettings', 'Domain',
      'RouteSettings', 'FailOnWarnings', 'PropagateTags',
    ],
  },
  SimpleTable: { type: 'AWS::Serverless::SimpleTable', keys: ['SSESpecification'] },
  StateMachine: { type: 'AWS::Serverless::StateMachine', keys: ['PropagateTags'] },
  LayerVersion: { type: 'AWS::Serverless::LayerVersion', keys: ['PropagateTags'] },
  CapacityProvider: { type: 'AWS::Serverless::CapacityProvider', keys: ['PropagateTags', 'Tags'] },
  WebSocketApi: { type: 'AWS::Serverless::WebSocketApi', keys: ['PropagateTags', 'Tags', 'Domain', 'AccessLogSettings', 'StageVariables', 'RouteSettings', 'DefaultRouteSettings', 'IpAddressType', 'DisableSchemaValidation', 'ApiKeySelectionExpression', 'DisableExecuteApiEndpoint'] },
};

/** resource type -> inherited properties */
export type GlobalsByType = Map<string, Record<string, unknown>>;

/**
 * Reads the `Globals` section. Unsupported sections and properties are reported and left out,
 * as the translator rejects them and a deployed stack can never have them.
 */
export function readGlobals(
  section: unknown,
  locate: (path: (string | number)[]) => SourceLocation,
  warnings: LoadWarning[],
): GlobalsByType {
  const globals: GlobalsByType = new Map();
  // An empty `Globals:` key (null) is common in real templates and harmless: nothing to inherit.
  if (section === undefined || section === null) return globals;
  if (!isRecord(section) || Object.keys(section).length === 0) {
    warnings.push({ code: 'sam-globals-invalid', message: "'Globals' must be a non-empty map", location: locate(['Globals']) });
    return globals;
  }
  for (const [name, value] of Object.entries(section)) {
    const spec = GLOBAL_SECTIONS[name];
    if (!spec) {
      warnings.push({
        code: 'sam-globals-invalid',
        message: `Globals section '${name}' is not supported (expected one of ${Object.keys(GLOBAL_SECTIONS).join(', ')})`,
        location: locate(['Globals', name]),
      });
      continue;
    }
    if (!isRecord(value)) {
      warnings.push({ code: 'sam-globals-invalid', message: `Globals.${name} must be a map`, location: locate(['Globals', name]) });
      continue;
    }
    const accepted: Record<string, unknown> = {};
    for (const [key, setting] of Object.entries(value)) {
      if (!spec.keys.includes(key)) {
        warnings.push({
          code: 'sam-globals-invalid',
          message: `'${key}' is not a supported property of Globals.${name}; it is ignored`,
          location: locate(['Globals', name, key]),
        });
        continue;
      }
      accepted[key] = setting;
    }
    globals.set(spec.type, accepted);
  }
  return globals;
}

/** An intrinsic function is a single-key map such as `{ Ref: X }` or `{ "Fn::If": [...] }`. */
function isIntrinsic(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0] === 'Condition' || keys[0]!.startsWith('Fn::'));
}

type Token = 'map' | 'list' | 'scalar';

function tokenOf(value: unknown): Token {
  if (Array.isArray(value)) return 'list';
  if (isRecord(value) && !isIntrinsic(value)) return 'map';
  return 'scalar';
}

/** Merges one global value with the resource's own value; the resource wins on conflicts. */
export function mergeGlobalValue(global: unknown, local: unknown): unknown {
  const kind = tokenOf(global);
  if (kind !== tokenOf(local)) return local;
  if (kind === 'list') return [...(global as unknown[]), ...(local as unknown[])];
  if (kind === 'map') {
    const merged: Record<string, unknown> = { ...(global as Record<string, unknown>) };
    for (const [key, value] of Object.entries(local as Record<string, unknown>)) {
      merged[key] = Object.prototype.hasOwnProperty.call(merged, key) ? mergeGlobalValue(merged[key], value) : value;
    }
    return merged;
  }
  return local;
}

/**
 * Applies the globals of a resource type to its properties. `ignore` is the resource's
 * `IgnoreGlobals` attribute: `'*'` or a list of property names to not inherit.
 */
export function applyGlobals(
  globals: Record<string, unknown> | undefined,
  properties: Record<string, unknown>,
  ignore: unknown = undefined,
): Record<string, unknown> {
  if (!globals || ignore === '*') return { ...properties };
  const skipped = new Set(Array.isArray(ignore) ? ignore.filter((k): k is string => typeof k === 'string') : []);
  const merged: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(globals)) {
    if (!skipped.has(key)) merged[key] = value;
  }
  for (const [key, value] of Object.entries(properties)) {
    merged[key] = Object.prototype.hasOwnProperty.call(merged, key) ? mergeGlobalValue(merged[key], value) : value;
  }
  return merged;
}
