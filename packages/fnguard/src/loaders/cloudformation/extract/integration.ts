/**
 * The backend of an API Gateway integration that is not a function of the app: AWS service
 * integrations (`arn:aws:apigateway:REGION:SERVICE:action/ACTION` or `:path/...`, HTTP API
 * subtypes such as `SQS-SendMessage`), HTTP backends (possibly through a VPC link) and MOCK.
 */
import type { RouteIntegration } from '../../../model/types.js';

const SERVICE_URI = /arn:(?:\$\{[^}]*\}|[^:$])*:apigateway:(?:\$\{[^}]*\}|[^:$])*:([a-z0-9.-]+):(action|path)\/([^/?]*)/i;

export function describeIntegration(type: string | undefined, uri: string | undefined, subtype?: string, connectionType?: string): RouteIntegration | undefined {
  const upper = (type ?? '').toUpperCase();
  if (upper === 'MOCK') return { kind: 'mock' };
  if (upper === 'HTTP' || upper === 'HTTP_PROXY') {
    return connectionType?.toUpperCase() === 'VPC_LINK' ? { kind: 'http', vpcLink: true } : { kind: 'http' };
  }
  if (upper !== 'AWS' && upper !== 'AWS_PROXY') return undefined;
  if (subtype !== undefined) {
    // HTTP API first-class integrations: `SQS-SendMessage`, `EventBridge-PutEvents`, `StepFunctions-StartExecution`.
    const [service, action] = subtype.split('-');
    return { kind: 'aws', service: (service ?? subtype).toLowerCase(), ...(action ? { action } : {}) };
  }
  const match = uri === undefined ? null : SERVICE_URI.exec(uri);
  if (!match) return undefined;
  const service = match[1]!.toLowerCase();
  if (service === 'lambda') return { kind: 'function' };
  const action = match[2]!.toLowerCase() === 'action' ? match[3] : undefined;
  return { kind: 'aws', service, ...(action ? { action } : {}) };
}
