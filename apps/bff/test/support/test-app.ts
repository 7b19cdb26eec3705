import type { JWTVerifyGetKey } from 'jose';
import { createApp } from '../../src/app.ts';
import { createTokenVerifier } from '../../src/auth/token-verifier.ts';
import { createLogger } from '../../src/logging.ts';
import { createLoginServerAccess } from '../../src/registry/login-server-access.ts';
import { testAuth, testDownstream } from './tokens.ts';

/**
 * The BFF app for unit tests: the real token verifier over a test key set, no upstream. Tests that
 * need ARM, Graph or a registry run against the local stack instead (e2e/stack/bff-*.test.ts).
 */
export function createTestApp(webDist: string, keySet: JWTVerifyGetKey) {
  return createApp({
    config: { webDist, auth: testAuth, downstream: testDownstream, corsOrigins: [] },
    verifyToken: createTokenVerifier(testAuth, { keySet }),
    tokens: () => Promise.reject(new Error('no downstream in unit tests')),
    loginServers: createLoginServerAccess({ timeoutMs: 1000 }),
    log: createLogger('silent'),
  });
}
