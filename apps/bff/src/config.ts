import { z } from 'zod';

/** The BFF's settings, from the environment (the local stack sets them; see apps/azure-local/src/portal.ts). */
const configSchema = z.object({
  BFF_HOST: z.string().default('127.0.0.1'),
  BFF_PORT: z.coerce.number().int().min(1).max(65535).default(8400),
  BFF_TLS_CERT: z
    .string()
    .min(1, 'BFF_TLS_CERT (PEM certificate file) is required: the portal is HTTPS only'),
  BFF_TLS_KEY: z.string().min(1, 'BFF_TLS_KEY (PEM private key file) is required'),
  BFF_PUBLIC_URL: z.string().url(),
  BFF_WEB_DIST: z.string().min(1),
});

export type BffConfig = {
  host: string;
  port: number;
  tlsCertFile: string;
  tlsKeyFile: string;
  publicUrl: string;
  webDist: string;
};

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
  };
}
