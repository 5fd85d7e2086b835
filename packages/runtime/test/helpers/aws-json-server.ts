/**
 * A local stand-in for the Secrets Manager and SSM JSON APIs (awsJson1_1: POST /, the operation
 * in X-Amz-Target, errors as {"__type", "message"} with a 4xx/5xx status). The real SDK clients
 * talk to it through their `endpoint` option, so the tests exercise serialisation, error parsing
 * and abort handling for real.
 */
import { startHttpServer, type RecordedRequest, type TestServer } from './http-server.js';

export type AwsReply = { status?: number; body: Record<string, unknown>; delayMs?: number };
export type AwsRoute = (input: Record<string, unknown>, req: RecordedRequest) => AwsReply | Promise<AwsReply>;

export interface AwsJsonServer extends TestServer {
  routes: Map<string, AwsRoute>;
  calls(target: string): Array<Record<string, unknown>>;
}

export function awsError(type: string, status = 400, message = 'error'): AwsReply {
  return { status, body: { __type: type, message } };
}

export async function startAwsJsonServer(): Promise<AwsJsonServer> {
  const routes = new Map<string, AwsRoute>();
  const server = await startHttpServer(async (req, res) => {
    const target = String(req.headers['x-amz-target'] ?? '');
    const route = routes.get(target);
    const reply = route ? await route(JSON.parse(req.body || '{}') as Record<string, unknown>, req) : awsError('UnknownOperationException');
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    if (res.destroyed) return;
    res.statusCode = reply.status ?? 200;
    res.setHeader('content-type', 'application/x-amz-json-1.1');
    if (reply.status && reply.status >= 400) res.setHeader('x-amzn-errortype', String(reply.body.__type));
    res.end(JSON.stringify(reply.body));
  });
  return Object.assign(server, {
    routes,
    calls: (target: string) => server.requests.filter((r) => r.headers['x-amz-target'] === target).map((r) => JSON.parse(r.body) as Record<string, unknown>),
  });
}

export const SM_GET = 'secretsmanager.GetSecretValue';
export const SSM_GET = 'AmazonSSM.GetParameter';

export const dummyClientConfig = {
  region: 'eu-west-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-real-secret' },
  maxAttempts: 1,
};
