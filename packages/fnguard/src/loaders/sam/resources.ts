/**
 * SAM resources that are not functions or APIs, as the CloudFormation resources they become,
 * so that resource rules (table encryption, layer permissions...) read them like plain CFN.
 */
import type { TemplateContext, TemplateResource } from '../cloudformation/template.js';
import type { Resource } from '../../model/types.js';
import { isRecord } from '../../model/values.js';

function simpleTableProperties(template: TemplateContext, properties: Record<string, unknown>): Record<string, unknown> {
  const key = template.resolve(properties.PrimaryKey);
  const name = isRecord(key) && typeof key.Name === 'string' ? key.Name : 'id';
  const type = isRecord(key) && typeof key.Type === 'string' ? key.Type : 'String';
  const out: Record<string, unknown> = {
    KeySchema: [{ AttributeName: name, KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: name, AttributeType: type === 'Number' ? 'N' : type === 'Binary' ? 'B' : 'S' }],
  };
  if (properties.ProvisionedThroughput !== undefined) out.ProvisionedThroughput = properties.ProvisionedThroughput;
  else out.BillingMode = 'PAY_PER_REQUEST';
  for (const copied of ['TableName', 'SSESpecification', 'Tags', 'PointInTimeRecoverySpecification']) {
    if (properties[copied] !== undefined) out[copied] = properties[copied];
  }
  return out;
}

function rename(properties: Record<string, unknown>, names: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(properties)) out[names[key] ?? key] = value;
  return out;
}

/** The CloudFormation resource a SAM resource becomes, or undefined for types handled elsewhere. */
export function translateResource(template: TemplateContext, resource: TemplateResource, properties: Record<string, unknown>): Resource | undefined {
  let type: string;
  let translated: Record<string, unknown>;
  switch (resource.type) {
    case 'AWS::Serverless::SimpleTable':
      type = 'AWS::DynamoDB::Table';
      translated = simpleTableProperties(template, properties);
      break;
    case 'AWS::Serverless::LayerVersion':
      type = 'AWS::Lambda::LayerVersion';
      translated = rename(properties, { ContentUri: 'Content' });
      break;
    case 'AWS::Serverless::StateMachine':
      type = 'AWS::StepFunctions::StateMachine';
      translated = rename(properties, { Role: 'RoleArn', Logging: 'LoggingConfiguration', Tracing: 'TracingConfiguration', Type: 'StateMachineType', Name: 'StateMachineName' });
      break;
    case 'AWS::Serverless::Application':
      type = 'AWS::CloudFormation::Stack';
      translated = rename(properties, { Location: 'TemplateURL' });
      break;
    default:
      return undefined;
  }
  const out: Resource = { id: resource.id, type, properties: translated, location: resource.location };
  if (resource.condition !== undefined) out.condition = resource.condition;
  return out;
}
