import * as z from 'zod';

/**
 * The BFF's settings, from the environment. The local stack sets them (apps/azure-local's
 * portalSettings(); see README "Running against real Azure" for production values).
 */
const configSchema = z.object({
  BFF_HOST: z.string().default('127.0.0.1'),
  BFF_PORT: z.coerce.number().int().min(1).max(65535).default(8400),
  BFF_TLS_CERT: z
    .string()
    .min(1, 'BFF_TLS_CERT (PEM certificate file) is required: the portal is HTTPS only'),
  BFF_TLS_KEY: z.string().min(1, 'BFF_TLS_KEY (PEM private key file) is required'),
  BFF_PUBLIC_URL: z.string().url(),
  BFF_WEB_DIST: z.string().min(1),
  /** Issuer of the identity provider, e.g. https://login.microsoftonline.com/<tenant>/v2.0 */
  BFF_AUTHORITY: z.string().url('BFF_AUTHORITY must be the identity provider issuer URL'),
  /** `aud` of access tokens for this API, e.g. api://content-trust-bff */
  BFF_API_AUDIENCE: z.string().min(1),
  /** Full scope the SPA requests for this API, e.g. api://content-trust-bff/access_as_user */
  BFF_API_SCOPE: z.string().min(1),
  SPA_CLIENT_ID: z.string().min(1),
  /** Tenant id(s) whose tokens the BFF accepts (comma-separated; the local stack sets its own). */
  BFF_TENANT_ID: z.string().min(1, 'BFF_TENANT_ID (the Entra tenant id) is required'),
  /** Scope for Azure Resource Manager (consented at sign-in). */
  ARM_SCOPE: z.string().default('https://management.azure.com/user_impersonation'),
  /** JWKS of the identity provider; defaults to the one its discovery document names. */
  IDP_JWKS_URI: z.string().url().optional(),
  /** The BFF's own app registration, for the on-behalf-of exchange to ARM and Graph. */
  BFF_CLIENT_ID: z.string().min(1, 'BFF_CLIENT_ID (the BFF app registration) is required'),
  BFF_CLIENT_SECRET: z.string().min(1, 'BFF_CLIENT_SECRET (the BFF app registration secret) is required'),
  /** Azure Resource Manager; the local stack points this at its ARM emulator. */
  ARM_ENDPOINT: z.string().url().default('https://management.azure.com'),
  /** Microsoft Graph. */
  GRAPH_ENDPOINT: z.string().url().default('https://graph.microsoft.com'),
  GRAPH_SCOPE: z.string().default('https://graph.microsoft.com/.default'),
  /** Milliseconds an upstream call (ARM, Graph, identity provider, registries) may take. */
  BFF_UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  /** Comma-separated origins allowed to call the API cross-origin; none by default (same origin only). */
  BFF_CORS_ORIGINS: z.string().optional(),
  /** Redis shared by several replicas (verified trust, scan results, tokens); memory only when unset. */
  BFF_REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'BFF_REDIS_URL must be a redis:// or rediss:// URL')
    .optional(),
  /** Milliseconds one Redis call may take before the replica answers from its local cache. */
  BFF_REDIS_TIMEOUT_MS: z.coerce.number().int().min(10).max(10_000).default(300),
  /** This replica's name in /api/health (several replicas behind one proxy). */
  BFF_REPLICA_NAME: z.string().max(64).optional(),
  BFF_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface BffConfig {
  host: string;
  port: number;
  tlsCertFile: string;
  tlsKeyFile: string;
  publicUrl: string;
  webDist: string;
  auth: {
    authority: string;
    apiAudience: string;
    apiScope: string;
    spaClientId: string;
    armScope: string;
    /** Lower-case tenant ids (`tid`) accepted in tokens. */
    allowedTenants: string[];
    jwksUri?: string;
  };
  /** Confidential client used for on-behalf-of token exchange. */
  downstream: {
    clientId: string;
    clientSecret: string;
    armEndpoint: string;
    graphEndpoint: string;
    graphScope: string;
    timeoutMs: number;
  };
  corsOrigins: string[];
  logLevel: string;
  /** Shared caches of several replicas (absent: memory only). */
  redis?: { url: string; timeoutMs: number };
  replicaName?: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): BffConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid BFF configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    host: e.BFF_HOST,
    port: e.BFF_PORT,
    tlsCertFile: e.BFF_TLS_CERT,
    tlsKeyFile: e.BFF_TLS_KEY,
    publicUrl: e.BFF_PUBLIC_URL,
    webDist: e.BFF_WEB_DIST,
    auth: {
      authority: e.BFF_AUTHORITY,
      apiAudience: e.BFF_API_AUDIENCE,
      apiScope: e.BFF_API_SCOPE,
      spaClientId: e.SPA_CLIENT_ID,
      armScope: e.ARM_SCOPE,
      allowedTenants: e.BFF_TENANT_ID.split(',')
        .map((t) => t.trim().toLowerCase())
        .filter(Boolean),
      ...(e.IDP_JWKS_URI ? { jwksUri: e.IDP_JWKS_URI } : {}),
    },
    downstream: {
      clientId: e.BFF_CLIENT_ID,
      clientSecret: e.BFF_CLIENT_SECRET,
      armEndpoint: e.ARM_ENDPOINT.replace(/\/+$/, ''),
      graphEndpoint: e.GRAPH_ENDPOINT.replace(/\/+$/, ''),
      graphScope: e.GRAPH_SCOPE,
      timeoutMs: e.BFF_UPSTREAM_TIMEOUT_MS,
    },
    corsOrigins: (e.BFF_CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    logLevel: e.BFF_LOG_LEVEL,
    ...(e.BFF_REDIS_URL ? { redis: { url: e.BFF_REDIS_URL, timeoutMs: e.BFF_REDIS_TIMEOUT_MS } } : {}),
    ...(e.BFF_REPLICA_NAME ? { replicaName: e.BFF_REPLICA_NAME } : {}),
  };
}
