import { readFileSync } from 'node:fs';
import type { RequestListener } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { CertificateFiles } from '@ctp/local-pki';

export interface HttpsEndpoint {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts an HTTPS server on 127.0.0.1 with the stack's certificate. */
export async function listenHttps(
  tls: CertificateFiles,
  port: number,
  listener: RequestListener,
): Promise<HttpsEndpoint> {
  const server: Server = createServer({ cert: readFileSync(tls.cert), key: readFileSync(tls.key) }, listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`port ${port} is in use (set CTP_PORT_BASE to another range)`)
          : error,
      ),
    );
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `https://localhost:${actual}`,
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
