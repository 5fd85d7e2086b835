import type { App, Resource } from '../../model/types.js';
import { isRecord, referencedIds } from '../../model/values.js';
import { rule, type RuleHit } from '../rule.js';
import { property, resourcesOfType } from '../support/model-queries.js';

/** Resources that write to a log group they name, the properties naming it, and how a message calls them. */
const WRITERS: Array<{ types: string[]; properties: string[]; label: (id: string) => string }> = [
  { types: ['AWS::StepFunctions::StateMachine', 'AWS::Serverless::StateMachine'], properties: ['LoggingConfiguration', 'Logging'], label: (id) => `state machine ${id}` },
  { types: ['AWS::Events::Rule'], properties: ['Targets'], label: (id) => `EventBridge rule ${id}` },
  { types: ['AWS::Pipes::Pipe'], properties: ['LogConfiguration'], label: (id) => `EventBridge pipe ${id}` },
  { types: ['AWS::EC2::FlowLog'], properties: ['LogGroupName', 'LogDestination'], label: (id) => `VPC flow log ${id}` },
];

/** Whether a (partly resolved) value names the group: a Ref / GetAtt / Sub to it, or its literal name or ARN. */
function namesGroup(value: unknown, group: Resource, groupName: string | undefined): boolean {
  if (typeof value === 'string') {
    if (referencedIds(value).includes(group.id)) return true;
    return groupName !== undefined && (value === groupName || value.includes(`:log-group:${groupName}`));
  }
  if (Array.isArray(value)) return value.some((item) => namesGroup(item, group, groupName));
  if (!isRecord(value)) return false;
  if (value.Ref === group.id) return true;
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt) ? getAtt[0] === group.id : typeof getAtt === 'string' && getAtt.split('.')[0] === group.id) return true;
  return Object.values(value).some((item) => namesGroup(item, group, groupName));
}

/** What writes to a log group that no function uses: state machines, API stages, rules... */
function writersOf(app: App, group: Resource): string[] {
  const name = property(group.properties, 'LogGroupName');
  const groupName = typeof name === 'string' ? name : undefined;
  const writers: string[] = [];
  for (const writer of WRITERS) {
    for (const resource of resourcesOfType(app, ...writer.types)) {
      if (writer.properties.some((key) => namesGroup(property(resource.properties, key), group, groupName))) writers.push(writer.label(resource.id));
    }
  }
  for (const api of app.apis) {
    for (const stage of api.stages) {
      const destination = stage.accessLogging?.destination;
      if (destination !== undefined && namesGroup(destination, group, groupName)) writers.push(`access logs of stage ${stage.name} of API ${api.name}`);
    }
  }
  return [...new Set(writers)];
}

function functionHits(app: App): RuleHit[] {
  return app.functions
    .filter((fn) => fn.logGroup?.retentionInDays === undefined)
    .map((fn) => ({
      message: fn.logGroup === undefined
        ? `Function ${fn.name} has no declared log group: Lambda creates one that keeps logs forever.`
        : `The log group of function ${fn.name} has no retention period.`,
      location: fn.logGroup?.location ?? fn.location,
      function: fn.id,
      key: 'retention',
    }));
}

/** Declared log groups that no function writes to (the function ones are reported above, once). */
function groupHits(app: App): RuleHit[] {
  const functionGroups = new Set(app.functions.flatMap((fn) => (fn.logGroup?.resourceId !== undefined ? [fn.logGroup.resourceId] : [])));
  const functionIds = new Set(app.functions.map((fn) => fn.id));
  // A `/aws/lambda/...` group built around a function the loader could not link is that function's group.
  const namesFunction = (group: Resource): boolean => {
    const name = property(group.properties, 'LogGroupName');
    return typeof name === 'string' && name.includes('/aws/lambda/') && referencedIds(name).some((id) => functionIds.has(id));
  };
  return resourcesOfType(app, 'AWS::Logs::LogGroup')
    .filter((group) => !functionGroups.has(group.id) && !namesFunction(group) && property(group.properties, 'RetentionInDays') === undefined)
    .map((group) => {
      const writers = writersOf(app, group);
      return {
        message: `Log group ${group.id}${writers.length > 0 ? ` (written by ${writers.join(', ')})` : ''} has no retention period: its logs are kept forever.`,
        location: group.location,
        resource: group.id,
        key: 'group-retention',
      };
    });
}

export default rule({
  id: 'FG-LOG-004',
  title: 'Logs kept forever: log group without retention, or function log group not declared',
  description:
    "A function's log group has no retention period (the group Lambda creates on first run keeps logs forever), or a declared log group written by something else " +
    '(a state machine, an API stage\'s access logs, an EventBridge rule) has none. Logs that hold request data then outlive any data-retention promise, ' +
    'and nobody decided how long evidence is kept.',
  severity: 'low',
  sas: 'SAS-5',
  cwe: 'CWE-779',
  profile: 'strict',
  peers: { cdkNag: ['Serverless-CloudWatchLogGroupRetentionPeriod'], serverlessRules: ['WS1004'], checkov: ['CKV_AWS_66'] },
  remediation:
    'Give every log group a RetentionInDays that matches your policy (for example 90 or 365 days): declare the function log groups, set it on the groups state machines, ' +
    'API stages and rules write to, or set provider.logRetentionInDays in serverless.yml.',
  fix: {
    sam: [
      'OrdersFunctionLogs:',
      '  Type: AWS::Logs::LogGroup',
      '  Properties:',
      '    LogGroupName: !Sub /aws/lambda/${OrdersFunction}',
      '    RetentionInDays: 90',
      'WorkflowLogs:            # the group a state machine, API stage or rule writes to',
      '  Type: AWS::Logs::LogGroup',
      '  Properties:',
      '    RetentionInDays: 90',
    ].join('\n'),
    serverless: [
      'provider:',
      '  logRetentionInDays: 90',
      'resources:',
      '  Resources:',
      '    WorkflowLogs:',
      '      Type: AWS::Logs::LogGroup',
      '      Properties:',
      '        RetentionInDays: 90',
    ].join('\n'),
  },
  check: (app) => [...functionHits(app), ...groupHits(app)],
});
