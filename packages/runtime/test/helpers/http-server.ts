/** A tiny HTTP server on 127.0.0.1 with a swappable handler and a request log. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest { method: string; url: string; headers: IncomingMessage['headers']; body: string }

export interface TestServer {
  url: string;
  port: number;
  requests: RecordedRequest[];
  handle: (req: RecordedRequest, res: ServerResponse) => void | Promise<void>;
  close(): Promise<void>;
}

export async function startHttpServer(handle: TestServer['handle']): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      // Read through the returned object so a test can swap `handle` while the server runs.
      Promise.resolve(server_.handle(recorded, res)).catch(() => { res.statusCode = 500; res.end(); });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const server_: TestServer = {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    handle,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
  return server_;
}
