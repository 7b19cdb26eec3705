// Debian's redis-server for the replicas' shared caches: loopback only, a password (in a 0600 config
// file, never on a command line where `ps` shows it), no persistence (losing the cache costs time only).
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createConnection } from 'node:net';
import path from 'node:path';
import type { Supervisor } from '../process/supervisor.ts';

export interface RedisEndpoint {
  /** redis://:<password>@127.0.0.1:<port> (holds the password: pass it in the environment only). */
  url: string;
  port: number;
  name: string;
}

export async function startRedis(
  supervisor: Supervisor,
  opts: { name: string; dir: string; port: number },
): Promise<RedisEndpoint> {
  await mkdir(opts.dir, { recursive: true, mode: 0o700 });
  const passwordFile = path.join(opts.dir, 'password');
  const password = existsSync(passwordFile)
    ? readFileSync(passwordFile, 'utf8').trim()
    : randomBytes(24).toString('hex');
  await writeFile(passwordFile, password, { mode: 0o600 });
  const conf = path.join(opts.dir, 'redis.conf');
  await writeFile(
    conf,
    [
      `port ${opts.port}`,
      'bind 127.0.0.1',
      'protected-mode yes',
      `requirepass ${password}`,
      `dir ${opts.dir}`,
      'save ""',
      'appendonly no',
      'maxmemory 256mb',
      'maxmemory-policy allkeys-lru',
      'daemonize no',
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  await supervisor.start({
    name: opts.name,
    command: 'redis-server',
    args: [conf],
    healthCheck: () => redisAnswers(opts.port, password),
  });
  return { url: `redis://:${password}@127.0.0.1:${opts.port}`, port: opts.port, name: opts.name };
}

/** AUTH + PING over RESP: a ten-line probe rather than a Redis client dependency in the stack. */
export function redisAnswers(port: number, password: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let reply = '';
    const done = (ok: boolean) => (socket.destroy(), resolve(ok));
    socket.setTimeout(1000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      if (reply.includes('+PONG')) done(true);
      else if (reply.includes('-')) done(false);
    });
    socket.write(`AUTH ${password}\r\nPING\r\n`);
  });
}
