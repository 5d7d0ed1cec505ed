import type { AddressInfo } from 'node:net';
import http from 'node:http';
import type { Express } from 'express';

export interface TestServer { url: string; close(): Promise<void> }

/** Listens on an ephemeral port, as a real client would reach the app. */
export async function listen(app: Express): Promise<TestServer> {
  const server = http.createServer(app);
  // Longer than any pause between a test's requests: otherwise the server may close an idle keep-alive
  // socket just as fetch reuses it, and the request fails with ECONNRESET under load.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
