import { createServer } from 'node:https';
import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { createOnBehalfOf } from './auth/on-behalf-of.ts';
import { createTokenVerifier } from './auth/token-verifier.ts';
import { createCaches } from './cache/shared-caches.ts';
import { loadConfig } from './config.ts';
import { createLogger } from './logging.ts';
import { createLoginServerAccess } from './registry/login-server-access.ts';
import { serverTimeouts } from './server-timeouts.ts';

const config = loadConfig();
const log = createLogger(config.logLevel);
const caches = createCaches(config, log);
const app = createApp({
  config,
  verifyToken: createTokenVerifier(config.auth),
  tokens: createOnBehalfOf(config, caches.tokens ? { shared: caches.tokens } : {}),
  loginServers: createLoginServerAccess({ timeoutMs: config.downstream.timeoutMs }),
  trustCache: caches.trustCache,
  scanCache: caches.scanCache,
  cacheHealth: caches.health,
  ...(config.replicaName ? { replicaName: config.replicaName } : {}),
  log,
});

serve(
  {
    fetch: app.fetch,
    hostname: config.host,
    port: config.port,
    createServer,
    serverOptions: {
      cert: readFileSync(config.tlsCertFile),
      key: readFileSync(config.tlsKeyFile),
      ...serverTimeouts,
    },
  },
  () =>
    log.info(
      { url: config.publicUrl, replica: config.replicaName, sharedCaches: config.redis !== undefined },
      'listening',
    ),
);
