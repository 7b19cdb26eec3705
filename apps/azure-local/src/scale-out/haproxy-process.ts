// Debian's HAProxy in front of the BFF replicas, on the portal's HTTPS origin. Chosen over nginx for what
// a replica dying needs: active health checks of /api/health (open-source nginx only notices failures
// passively, on live requests), and redispatch of a request whose connection failed to the other
// replica, so the next request after a kill succeeds instead of erroring once per replica.
import { existsSync } from 'node:fs';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { httpsOk } from '../net/https-probe.ts';
import type { Supervisor } from '../process/supervisor.ts';

export interface ProxySpec {
  name: string;
  dir: string;
  /** Where browsers connect (the portal's origin). */
  port: number;
  backends: { name: string; port: number }[];
  tls: { cert: string; key: string };
  caFile: string;
}

export function haproxyConfig(spec: ProxySpec, pemFile: string): string {
  const servers = spec.backends.map((b) => `  server ${b.name} 127.0.0.1:${b.port}`);
  return [
    'global',
    '  log stdout format raw local0 info',
    '  maxconn 4096',
    '',
    'defaults',
    '  mode http',
    '  log global',
    '  option httplog',
    '  timeout connect 2s',
    // Scans stream for minutes; a slow client cannot hold a request's headers open (slowloris).
    '  timeout client 10m',
    '  timeout server 10m',
    '  timeout http-request 10s',
    '  timeout http-keep-alive 30s',
    // A request whose connection to a replica fails (killed, restarting) goes to the other one.
    '  retries 2',
    '  option redispatch 1',
    '  retry-on conn-failure empty-response',
    '',
    'frontend portal',
    `  bind 127.0.0.1:${spec.port} ssl crt ${pemFile} alpn http/1.1`,
    '  http-request set-header X-Forwarded-Proto https',
    '  default_backend bff',
    '',
    'backend bff',
    '  balance roundrobin',
    '  option httpchk GET /api/health',
    '  http-check expect status 200',
    // The replicas are HTTPS only; HAProxy verifies them against the local CA, like any other client.
    `  default-server check inter 1s fall 2 rise 1 ssl verify required verifyhost localhost ca-file ${spec.caFile} sni str(localhost) check-sni localhost`,
    ...servers,
    '',
  ].join('\n');
}

export async function startHaproxy(supervisor: Supervisor, spec: ProxySpec): Promise<{ url: string }> {
  await mkdir(spec.dir, { recursive: true, mode: 0o700 });
  // HAProxy wants certificate and key in one PEM file.
  const pemFile = path.join(spec.dir, 'portal.pem');
  const pem = `${await readFile(spec.tls.cert, 'utf8')}\n${await readFile(spec.tls.key, 'utf8')}`;
  await writeFile(pemFile, pem, { mode: 0o600 });
  const configFile = path.join(spec.dir, 'haproxy.cfg');
  await writeFile(configFile, haproxyConfig(spec, pemFile), { mode: 0o600 });
  const url = `https://localhost:${spec.port}`;
  await supervisor.start({
    name: spec.name,
    // Debian installs it in /usr/sbin, which a non-root PATH often lacks.
    command: existsSync('/usr/sbin/haproxy') ? '/usr/sbin/haproxy' : 'haproxy',
    // -W master-worker in the foreground (-db), so the supervisor sees it die and can stop it.
    args: ['-db', '-W', '-f', configFile],
    healthCheck: () => httpsOk(`${url}/api/health`, spec.caFile),
  });
  return { url };
}
