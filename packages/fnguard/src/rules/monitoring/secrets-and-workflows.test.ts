import { buildApi, buildApp, buildEnv, buildFunction, buildResource, buildRole, buildStatement } from '../../../test/helpers/app-builder.js';
import { testRule } from '../../../test/helpers/rule-cases.js';
import environmentSecretWithoutCmk from '../secrets/environment-secret-without-cmk.js';
import logGroupEncryption from './log-group-encryption.js';
import workflowObservability from './workflow-observability.js';

const withSecretEnv = (overrides = {}) => buildFunction('Fn', { environment: [buildEnv('DB_PASSWORD', { value: '{{resolve:secretsmanager:db}}', reference: 'secretsmanager' })], ...overrides });

testRule(environmentSecretWithoutCmk, {
  valid: [
    { name: 'secret env with a customer key', app: buildApp({ functions: [withSecretEnv({ kmsKeyArn: '${Key.Arn}' })] }) },
    { name: 'only names of secrets in the environment', app: buildApp({ functions: [buildFunction('Fn', { environment: [buildEnv('DB_SECRET_ARN', { value: 'arn:aws:secretsmanager:...' })] })] }) },
    { name: 'SSM plain parameter reference', app: buildApp({ functions: [buildFunction('Fn', { environment: [buildEnv('STAGE', { value: '${ssm:/stage}', reference: 'ssm' })] })] }) },
  ],
  invalid: [
    { name: 'deploy-time resolved secret', app: buildApp({ functions: [withSecretEnv()] }), hits: [{ function: 'Fn', message: ['DB_PASSWORD'] }] },
    { name: 'plaintext secret', app: buildApp({ functions: [buildFunction('Fn', { environment: [buildEnv('API_KEY', { secretLike: true })] })] }), hits: [{ message: ['API_KEY'] }] },
  ],
});

testRule(logGroupEncryption, {
  valid: [
    { name: 'encrypted log group', app: buildApp({ functions: [withSecretEnv({ logGroup: { kmsKeyId: '${LogsKey.Arn}' } })] }) },
    { name: 'function that handles no secrets', app: buildApp({ functions: [buildFunction('Fn', { roleId: 'R' })], roles: [buildRole('R', { statements: [buildStatement({ Action: ['dynamodb:getitem'] })] })] }) },
  ],
  invalid: [
    { name: 'secret env, plain logs', app: buildApp({ functions: [withSecretEnv()] }), hits: [{ message: ['holds secrets in its environment'] }] },
    { name: 'role reads secrets', app: buildApp({ functions: [buildFunction('Fn', { roleId: 'R' })], roles: [buildRole('R', { statements: [buildStatement({ Action: ['secretsmanager:getsecretvalue'] })] })] }), hits: [{ message: ['role can read secrets'] }] },
  ],
});

testRule(workflowObservability, {
  valid: [
    {
      name: 'fully observable state machine, AppSync API and REST stage',
      app: buildApp({
        resources: [
          buildResource('Flow', 'AWS::StepFunctions::StateMachine', { LoggingConfiguration: { Level: 'ALL' }, TracingConfiguration: { Enabled: true } }),
          buildResource('SamFlow', 'AWS::Serverless::StateMachine', { Logging: { Level: 'ALL' }, Tracing: { Enabled: true } }),
          buildResource('Graph', 'AWS::AppSync::GraphQLApi', { LogConfig: { FieldLogLevel: 'ERROR' }, XrayEnabled: true }),
        ],
        apis: [buildApi('Api', { stages: [{ name: 'prod', tracing: true }] })],
      }),
    },
  ],
  invalid: [
    { name: 'state machine logging errors only, no tracing', app: buildApp({ resources: [buildResource('Flow', 'AWS::StepFunctions::StateMachine', { LoggingConfiguration: { Level: 'ERROR' } })] }), hits: [{ message: ['logging level ERROR', 'tracing off'] }] },
    { name: 'AppSync without logs', app: buildApp({ resources: [buildResource('Graph', 'AWS::AppSync::GraphQLApi', { XrayEnabled: true })] }), hits: [{ message: ['no field-level logging'] }] },
    { name: 'REST stage without tracing', app: buildApp({ apis: [buildApi('Api', { stages: [{ name: 'prod' }] })] }), hits: [{ message: ['Stage prod'] }] },
  ],
});
