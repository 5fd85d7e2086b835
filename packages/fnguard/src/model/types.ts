/**
 * The app model: one provider-neutral shape that every loader produces and every rule reads.
 * Loaders compute derived facts (inherited settings, trigger exposure, resolved references)
 * once, here, so that rules never need to know which loader made the app.
 */

/** A position in a scanned file. `file` is relative to the scanned root, with forward slashes. */
export interface SourceLocation {
  file: string;
  /** 1-based */
  line: number;
  /** 1-based */
  column: number;
}

export type Framework = 'sam' | 'cloudformation' | 'serverless' | 'terraform' | 'cdk';
export type CloudProvider = 'aws' | 'azure' | 'gcp';

export interface LoadWarning {
  /** stable machine code, e.g. `yaml-parse`, `file-too-large`, `path-escape`, `unresolved-variable` */
  code: string;
  message: string;
  location?: SourceLocation;
}

export interface App {
  /** template Description / service name / folder name */
  name: string;
  provider: CloudProvider;
  framework: Framework;
  /** the main file of the app, relative to the scanned root */
  path: string;
  /** every file that contributed to the app (main file, `${file()}` includes...) */
  sourceFiles: string[];
  functions: ServerlessFunction[];
  apis: Api[];
  roles: Role[];
  resources: Resource[];
  parameters: TemplateParameter[];
  warnings: LoadWarning[];
}

/**
 * A value that could not be resolved statically is rendered in Fn::Sub syntax:
 * `!Ref Bucket` -> `${Bucket}`, `!GetAtt Bucket.Arn` -> `${Bucket.Arn}`,
 * `${ssm:/a/b}` stays `${ssm:/a/b}`. `referencedIds()` in model/values.ts extracts the ids.
 */
export type RenderedValue = string;

export interface ServerlessFunction {
  /**
   * CloudFormation logical id of the function as deployed: the template's id for SAM/CFN, the
   * Framework's generated id for serverless.yml (`createOrder` -> `CreateOrderLambdaFunction`),
   * which is what `resources:` entries reference. The serverless.yml key is in `properties.functionKey`.
   */
  id: string;
  /** deployed FunctionName when known (serverless.yml: `<service>-<stage>-<key>`), else the id */
  name: string;
  runtime?: string;
  handler?: string;
  /** directory (or file) of the function's source, relative to the scanned root; absent for S3/inline/image code */
  codeUri?: string;
  inlineCode?: boolean;
  packageType?: 'Zip' | 'Image';
  architectures?: string[];
  /** MB, as configured after inheritance; undefined = the platform default (see FRAMEWORK_DEFAULTS) */
  memorySize?: number;
  /** seconds, as configured after inheritance; undefined = the platform default */
  timeout?: number;
  reservedConcurrency?: number;
  environment: EnvironmentVariable[];
  /** KMS key used for environment encryption, if a customer key is set */
  kmsKeyArn?: RenderedValue;
  tracing?: 'Active' | 'PassThrough';
  vpc?: { securityGroupIds: RenderedValue[]; subnetIds: RenderedValue[] };
  layers: RenderedValue[];
  deadLetter?: { type: 'sqs' | 'sns' | 'unknown'; target: RenderedValue };
  /** async-invocation destinations (EventInvokeConfig / serverless `destinations`) */
  destinations?: { onSuccess?: RenderedValue; onFailure?: RenderedValue; maximumRetryAttempts?: number; maximumEventAgeInSeconds?: number };
  logGroup?: LogGroupConfig;
  /** id of the Role in App.roles that the function runs with */
  roleId?: string;
  /** the role's ARN when it is defined outside the app (not in App.roles) */
  externalRoleArn?: RenderedValue;
  url?: FunctionUrlConfig;
  codeSigningConfig?: RenderedValue;
  triggers: Trigger[];
  /** raw properties as written (after Globals/provider inheritance), for rules that need more */
  properties: Record<string, unknown>;
  location: SourceLocation;
}

export interface EnvironmentVariable {
  name: string;
  /** rendered value; undefined when absent */
  value?: RenderedValue;
  /** the value is a reference to a secret store, not a plaintext value */
  reference?: 'secretsmanager' | 'ssm' | 'ssm-secure' | 'parameter' | 'resource' | 'other';
  /** the name or value looks like a plaintext secret (computed by the loader via model/secrets.ts) */
  secretLike: boolean;
  secretReason?: string;
  location: SourceLocation;
}

export interface LogGroupConfig {
  /** logical id of an AWS::Logs::LogGroup in the app, if one is declared for the function */
  resourceId?: string;
  name?: RenderedValue;
  retentionInDays?: number;
  kmsKeyId?: RenderedValue;
  /** JSON / Text (Lambda LoggingConfig.LogFormat) */
  logFormat?: string;
  location?: SourceLocation;
}

export interface FunctionUrlConfig {
  authType: 'NONE' | 'AWS_IAM' | string;
  invokeMode?: string;
  cors?: CorsConfig;
  location: SourceLocation;
}

export interface CorsConfig {
  allowOrigins: string[];
  allowCredentials: boolean;
  allowMethods?: string[];
  allowHeaders?: string[];
  location?: SourceLocation;
}

export type TriggerKind =
  | 'http-rest'
  | 'http-api'
  | 'function-url'
  | 'websocket'
  | 'alb'
  | 's3'
  | 'sqs'
  | 'sns'
  | 'dynamodb-stream'
  | 'kinesis'
  | 'eventbridge'
  | 'schedule'
  | 'cognito'
  | 'iot'
  | 'appsync'
  | 'other';

/** How Lambda is invoked by the source: drives which DLQ / retry / throttling rules apply. */
export type InvocationType = 'sync' | 'async' | 'poll';

export type AuthType = 'none' | 'iam' | 'cognito' | 'jwt' | 'lambda' | 'unknown';

export interface TriggerAuth {
  type: AuthType;
  /** authorizer name as declared on the API */
  authorizer?: string;
  /** an API key is required on the route (API keys identify, they do not authenticate) */
  apiKeyRequired?: boolean;
  scopes?: string[];
}

export interface Trigger {
  kind: TriggerKind;
  /** event name in the template (SAM Events key, serverless event index), or the source resource id */
  name: string;
  invocation: InvocationType;
  /** reachable by anyone on the internet without credentials (computed once in the model) */
  public: boolean;
  /** why `public` is true/false, for finding messages */
  publicReason?: string;
  auth: TriggerAuth;
  /** id of the Api in App.apis for http/websocket triggers */
  apiId?: string;
  path?: string;
  /** upper-case HTTP method, `ANY` for any */
  method?: string;
  /** logical id of the source resource (bucket, queue, topic, table, stream, rule...) */
  sourceId?: RenderedValue;
  /** event-specific settings as written (batch size, filters, bisect, destination...) */
  config: Record<string, unknown>;
  location: SourceLocation;
}

export type IamEffect = 'Allow' | 'Deny';

/** A normalized IAM statement: single values are arrays, actions lower-cased. */
export interface IamStatement {
  Sid?: string;
  Effect: IamEffect;
  Action?: string[];
  NotAction?: string[];
  Resource?: RenderedValue[];
  NotResource?: RenderedValue[];
  /** `*` or { AWS: [...], Service: [...], Federated: [...] } */
  Principal?: '*' | Record<string, RenderedValue[]>;
  NotPrincipal?: '*' | Record<string, RenderedValue[]>;
  /** operator -> condition key -> values */
  Condition?: Record<string, Record<string, RenderedValue[]>>;
  /** where the statement came from: `inline:<PolicyName>`, `sam:<TemplateName>`, `managed:<arn>`, `serverless:provider.iam` ... */
  origin: string;
  location: SourceLocation;
}

export interface Role {
  id: string;
  name?: RenderedValue;
  /** generated by SAM / the Serverless Framework rather than declared */
  implicit: boolean;
  statements: IamStatement[];
  managedPolicyArns: RenderedValue[];
  trustPolicy: IamStatement[];
  permissionsBoundary?: RenderedValue;
  /** ids of the functions that run with this role */
  usedBy: string[];
  location: SourceLocation;
}

export type ApiKind = 'rest' | 'http' | 'websocket';

export interface AccessLogging {
  destination?: RenderedValue;
  format?: string;
  /**
   * The setting sits in an `Fn::If` the parameters do not decide: the stage logs only when every
   * listed condition has the given value (and writes no access logs otherwise).
   */
  conditions?: Array<{ name: string; holds: boolean }>;
}

export interface ApiStage {
  name: string;
  throttling?: { burstLimit?: number; rateLimit?: number };
  /** per-route/method throttling overrides exist */
  routeThrottling?: boolean;
  accessLogging?: AccessLogging;
  tracing?: boolean;
  cacheEncrypted?: boolean;
  location?: SourceLocation;
}

export interface ApiAuthorizer {
  name: string;
  type: Exclude<AuthType, 'none' | 'unknown'> | 'unknown';
  /** lambda authorizer function id, cognito pool, jwt issuer... */
  source?: RenderedValue;
  identitySource?: string;
  location?: SourceLocation;
}

/**
 * What a route hands requests to when it is not a function of the app: an AWS service action
 * (API Gateway's `AWS` integrations and HTTP API subtypes such as `SQS-SendMessage`), an HTTP
 * backend (through a VPC link when `vpcLink`) or a MOCK response.
 */
export interface RouteIntegration {
  kind: 'function' | 'aws' | 'http' | 'mock';
  /** `sqs`, `dynamodb`, `states`, ... for `aws` */
  service?: string;
  /** the action or path of the service (`PutItem`, `SendMessage`) when the template names it */
  action?: string;
  vpcLink?: boolean;
}

export interface ApiRoute {
  path: string;
  method: string;
  functionId?: string;
  integration?: RouteIntegration;
  auth: TriggerAuth;
  requestValidation?: boolean;
  location: SourceLocation;
}

export interface Api {
  id: string;
  name: string;
  kind: ApiKind;
  /** ServerlessRestApi / ServerlessHttpApi / serverless.yml's implicit API */
  implicit: boolean;
  endpointType?: 'EDGE' | 'REGIONAL' | 'PRIVATE' | string;
  stages: ApiStage[];
  authorizers: ApiAuthorizer[];
  defaultAuthorizer?: string;
  apiKeyRequired?: boolean;
  /** usage plan attached (throttling/quota per key) */
  usagePlan?: boolean;
  routes: ApiRoute[];
  cors?: CorsConfig;
  /** request validation on the API as a whole */
  requestValidation?: boolean;
  /** id/arn of an associated WAF web ACL */
  wafWebAcl?: RenderedValue;
  disableExecuteApiEndpoint?: boolean;
  properties: Record<string, unknown>;
  location: SourceLocation;
}

export interface Resource {
  /** logical id */
  id: string;
  /** CloudFormation type, e.g. AWS::S3::Bucket */
  type: string;
  properties: Record<string, unknown>;
  condition?: string;
  location: SourceLocation;
}

export interface TemplateParameter {
  name: string;
  type?: string;
  default?: unknown;
  noEcho: boolean;
  location: SourceLocation;
}

/** Platform defaults that apply when a setting is left out. */
export const FRAMEWORK_DEFAULTS: Record<Framework, { memorySize: number; timeout: number }> = {
  sam: { memorySize: 128, timeout: 3 },
  cloudformation: { memorySize: 128, timeout: 3 },
  cdk: { memorySize: 128, timeout: 3 },
  serverless: { memorySize: 1024, timeout: 6 },
  terraform: { memorySize: 128, timeout: 3 },
};
