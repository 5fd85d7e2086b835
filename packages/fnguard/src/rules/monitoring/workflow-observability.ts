import { asBoolean, asString } from '../../model/values.js';
import { rule, type RuleHit } from '../rule.js';
import { booleanProperty, property, propertyPath, resourcesOfType } from '../support/model-queries.js';

export default rule({
  id: 'FG-LOG-006',
  title: 'Step Functions, AppSync or API stage without logging or tracing',
  description:
    'A state machine does not log ALL events or has X-Ray tracing off, an AppSync API has no field-level logging or tracing, or an API Gateway REST stage has tracing off. ' +
    'The steps between the trigger and the functions are then invisible when reconstructing an incident.',
  severity: 'low',
  sas: 'SAS-5',
  cwe: 'CWE-778',
  profile: 'strict',
  peers: {
    cdkNag: ['AwsSolutions-SF1', 'AwsSolutions-SF2', 'AwsSolutions-ASC3', 'Serverless-StepFunctionStateMachineXray', 'Serverless-AppSyncTracing', 'Serverless-APIGWXrayEnabled'],
    serverlessRules: ['WS5000', 'WS3000', 'WS2002'],
    checkov: ['CKV_AWS_73'],
  },
  remediation: 'Log ALL events with execution data for state machines, enable AppSync field logs, and turn on X-Ray tracing for each.',
  fix: {
    sam: [
      'Workflow:',
      '  Type: AWS::Serverless::StateMachine',
      '  Properties:',
      '    Tracing: {Enabled: true}',
      '    Logging:',
      '      Level: ALL',
      '      IncludeExecutionData: true',
      '      Destinations: [{CloudWatchLogsLogGroup: {LogGroupArn: !GetAtt WorkflowLogs.Arn}}]',
    ].join('\n'),
    serverless: ['provider:', '  tracing:', '    apiGateway: true', '# serverless-step-functions: stepFunctions.stateMachines.<name>.tracingConfig.enabled: true'].join('\n'),
  },
  check: (app) => {
    const hits: RuleHit[] = [];
    for (const machine of resourcesOfType(app, 'AWS::StepFunctions::StateMachine', 'AWS::Serverless::StateMachine')) {
      const logging = property(machine.properties, 'LoggingConfiguration') ?? property(machine.properties, 'Logging');
      const level = asString(property(logging, 'Level'))?.toUpperCase();
      const tracing = booleanProperty(machine.properties, 'TracingConfiguration', 'Enabled') ?? booleanProperty(machine.properties, 'Tracing', 'Enabled');
      const gaps = [...(level === 'ALL' ? [] : [`logging level ${level ?? 'OFF'}`]), ...(tracing === true ? [] : ['tracing off'])];
      if (gaps.length > 0) hits.push({ message: `State machine ${machine.id}: ${gaps.join(', ')}.`, location: machine.location, resource: machine.id, key: 'sfn' });
    }
    for (const api of resourcesOfType(app, 'AWS::AppSync::GraphQLApi')) {
      const level = asString(propertyPath(api.properties, 'LogConfig', 'FieldLogLevel'))?.toUpperCase();
      const tracing = asBoolean(property(api.properties, 'XrayEnabled'));
      const gaps = [...(level === undefined || level === 'NONE' ? ['no field-level logging'] : []), ...(tracing === true ? [] : ['tracing off'])];
      if (gaps.length > 0) hits.push({ message: `AppSync API ${api.id}: ${gaps.join(', ')}.`, location: api.location, resource: api.id, key: 'appsync' });
    }
    for (const api of app.apis.filter((candidate) => candidate.kind === 'rest')) {
      for (const stage of api.stages.filter((candidate) => candidate.tracing !== true)) {
        hits.push({ message: `Stage ${stage.name} of REST API ${api.name} has X-Ray tracing off.`, location: stage.location ?? api.location, resource: api.id, key: `stage-tracing:${stage.name}` });
      }
    }
    return hits;
  },
});
