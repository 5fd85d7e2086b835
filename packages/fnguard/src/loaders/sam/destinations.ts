/**
 * Statements SAM adds to a function's generated role so that Lambda can deliver to the
 * function's dead-letter queue and async-invocation destinations.
 */
import type { TemplateContext } from '../cloudformation/template.js';
import type { PathSegment } from '../yaml/parse.js';
import { normalizeStatements } from '../../model/iam.js';
import type { IamStatement } from '../../model/types.js';
import { asString, isRecord } from '../../model/values.js';

type Warn = (message: string, at: PathSegment[]) => void;

const DLQ_ACTIONS: Record<string, string> = { SQS: 'sqs:SendMessage', SNS: 'sns:Publish' };

export function deadLetterStatements(template: TemplateContext, value: unknown, at: PathSegment[], warn: Warn): IamStatement[] {
  if (value === undefined) return [];
  const dlq = template.resolve(value);
  if (!isRecord(dlq)) {
    warn('DeadLetterQueue must be a map with Type (SQS or SNS) and TargetArn', at);
    return [];
  }
  const action = DLQ_ACTIONS[asString(dlq.Type) ?? ''];
  if (!action || dlq.TargetArn === undefined) {
    warn('DeadLetterQueue needs Type SQS or SNS and a TargetArn', at);
    return [];
  }
  return normalizeStatements({ Statement: [{ Effect: 'Allow', Action: action, Resource: dlq.TargetArn }] }, template, 'sam:DeadLetterQueue', template.locate(at));
}

/** Where SAM sends a destination that names no resource: a queue or topic it creates itself. */
function generatedDestination(functionId: string, outcome: string, type: string): unknown {
  if (type === 'SQS') return { 'Fn::GetAtt': [`${functionId}EventInvokeConfig${outcome}Queue`, 'Arn'] };
  if (type === 'SNS') return { Ref: `${functionId}EventInvokeConfig${outcome}Topic` };
  return undefined;
}

function destinationDocument(type: string, destination: unknown): unknown[] | undefined {
  switch (type) {
    case 'SQS': return [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: destination }];
    case 'SNS': return [{ Effect: 'Allow', Action: 'sns:Publish', Resource: destination }];
    case 'Lambda': return [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: destination }];
    case 'EventBridge': return [{ Effect: 'Allow', Action: 'events:PutEvents', Resource: destination }];
    case 'S3Bucket': return [
      { Effect: 'Allow', Action: 's3:PutObject', Resource: { 'Fn::Join': ['/', [destination, '*']] } },
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: destination },
    ];
    default: return undefined;
  }
}

export interface DestinationGrants {
  statements: IamStatement[];
  /** the rendered targets, for the function's `destinations` */
  targets: { onSuccess?: string; onFailure?: string };
}

export function destinationStatements(
  template: TemplateContext,
  functionId: string,
  config: Record<string, unknown>,
  at: PathSegment[],
  warn: Warn,
): DestinationGrants {
  const grants: DestinationGrants = { statements: [], targets: {} };
  const destinations = config.DestinationConfig;
  if (destinations === undefined) return grants;
  if (!isRecord(destinations)) {
    warn('EventInvokeConfig.DestinationConfig must be a map', [...at, 'DestinationConfig']);
    return grants;
  }
  for (const outcome of ['OnSuccess', 'OnFailure'] as const) {
    const spec = destinations[outcome];
    if (spec === undefined) continue;
    const where = [...at, 'DestinationConfig', outcome];
    if (!isRecord(spec)) {
      warn(`EventInvokeConfig ${outcome} must be a map with Type and Destination`, where);
      continue;
    }
    const type = template.render(spec.Type) ?? '';
    const destination = spec.Destination ?? generatedDestination(functionId, outcome, type);
    const document = destination === undefined ? undefined : destinationDocument(type, destination);
    if (!document) {
      warn(`EventInvokeConfig ${outcome}: Type must be SQS, SNS, Lambda, EventBridge or S3Bucket with a Destination`, where);
      continue;
    }
    const rendered = template.render(destination);
    if (rendered !== undefined) grants.targets[outcome === 'OnSuccess' ? 'onSuccess' : 'onFailure'] = rendered;
    grants.statements.push(...normalizeStatements({ Statement: document }, template, `sam:EventInvokeConfig.${outcome}`, template.locate(where)));
  }
  return grants;
}
