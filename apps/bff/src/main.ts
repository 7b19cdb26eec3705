import { createServer } from 'node:https';
import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { createTokenVerifier } from './auth/token-verifier.ts';
import { loadConfig } from './config.ts';

const config = loadConfig();
const app = createApp({ config, verifyToken: createTokenVerifier(config.auth) });

serve(
  {
    fetch: app.fetch,
    hostname: config.host,
    port: config.port,
    createServer,
    serverOptions: { cert: readFileSync(config.tlsCertFile), key: readFileSync(config.tlsKeyFile) },
  },
  () => console.log(`[bff] listening on ${config.publicUrl}`),
);
