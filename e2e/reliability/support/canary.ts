// A listener that stands for "any other host": the SSRF probes aim every URL-bound parameter at it, and
// a connection to it (TLS or not, any path) is the BFF having been made to call a host it should not.
import { createServer, type Server, type Socket } from 'node:net';

export interface Canary {
  port: number;
  /** Connections received so far. */
  hits(): number;
  close(): Promise<void>;
}

export async function startCanary(): Promise<Canary> {
  let hits = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    hits++;
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    hits: () => hits,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
