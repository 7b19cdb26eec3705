import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { TrustServerFault } from '../../ports.ts';
import { sendError } from './respond.ts';
import { answerWithFault } from './trust-fault.ts';

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'upgrade',
]);

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/**
 * Streams a request to a loopback upstream and its answer back, never buffering bodies (a 1 GB layer
 * flows through with constant memory). Host is forwarded unchanged and X-Forwarded-Proto says https, so
 * the registry builds its Location headers for the login server. `backend` names the upstream in the
 * 502 a caller gets when it does not answer (trust server or registry: they fail and restart apart).
 * `faultFor` (emulator-only, trust server) is asked about each 200 answer: a fault it returns is made of
 * that answer instead of passing it on (trust-fault.ts).
 */
export function proxy(
  req: IncomingMessage,
  res: ServerResponse,
  upstreamPort: number,
  backend: string,
  faultFor?: () => TrustServerFault | undefined,
): Promise<void> {
  const headers: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
  }
  headers['x-forwarded-proto'] = 'https';
  headers['x-forwarded-for'] = req.socket.remoteAddress ?? '127.0.0.1';

  return new Promise<void>((resolve) => {
    const upstream = http.request(
      { host: '127.0.0.1', port: upstreamPort, method: req.method, path: req.url, headers, agent },
      (answer) => {
        const out: http.OutgoingHttpHeaders = {};
        for (const [name, value] of Object.entries(answer.headers)) {
          if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
        }
        const fault = answer.statusCode === 200 ? faultFor?.() : undefined;
        if (fault) {
          answerWithFault(answer, res, out, fault).then(resolve, () => {
            res.destroy();
            resolve();
          });
          return;
        }
        res.writeHead(answer.statusCode ?? 502, out);
        pipeline(answer, res).then(resolve, () => {
          res.destroy();
          resolve();
        });
      },
    );
    upstream.on('error', (error) => {
      if (!res.headersSent) {
        sendError(
          res,
          502,
          'UPSTREAM_UNAVAILABLE',
          `${backend} did not answer (${error.message}); the stack restarts it, try again shortly`,
        );
      } else {
        res.destroy();
      }
      resolve();
    });
    req.on('aborted', () => upstream.destroy());
    pipeline(req, upstream).catch(() => upstream.destroy());
  });
}
