import { z } from 'zod';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * `<dataDir>/stack.json`: the machine-readable description of a running local stack. Tests, tools
 * and the README's start banner read endpoints from it instead of hard-coding ports.
 */
export const seededIdentitySchema = z.object({
  key: z.string().describe('stable handle used by tests, e.g. "owner", "reader", "ci-signer"'),
  kind: z.enum(['user', 'servicePrincipal']),
  objectId: z.string(),
  displayName: z.string(),
  /** users: the sign-in name; service principals: the application (client) id. */
  userPrincipalName: z.string().optional(),
  appId: z.string().optional(),
  /** What this identity can do, in words, for the start banner. */
  summary: z.string(),
  /** Local-only secret for Docker/notary basic auth against the login servers (never in production). */
  password: z.string().optional(),
});

export const stackDescriptionSchema = z.object({
  version: z.literal(1),
  startedAt: z.string(),
  pid: z.number().int(),
  dataDir: z.string(),
  caCertificate: z.string(),
  portal: z.object({ url: z.string() }).optional(),
  identityProvider: z
    .object({
      authority: z.string(),
      tenantId: z.string(),
      spaClientId: z.string(),
      bffClientId: z.string(),
      bffApiScope: z.string(),
      /** Public client for scripts and tests (password grant for the seeded people, like the Azure CLI's). */
      cliClientId: z.string(),
    })
    .optional(),
  arm: z.object({ endpoint: z.string(), subscriptionId: z.string() }).optional(),
  graph: z.object({ endpoint: z.string() }).optional(),
  registries: z.array(
    z.object({
      name: z.string(),
      resourceId: z.string(),
      sku: z.string(),
      loginServer: z.string(),
      trustPolicy: z.enum(['enabled', 'disabled']),
    }),
  ),
  identities: z.array(seededIdentitySchema),
});

export type StackDescription = z.infer<typeof stackDescriptionSchema>;
export type SeededIdentity = z.infer<typeof seededIdentitySchema>;

export function stackFilePath(dataDir: string): string {
  return path.join(dataDir, 'stack.json');
}

export async function writeStackFile(dataDir: string, description: StackDescription): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const file = stackFilePath(dataDir);
  // Write then rename, so a reader never sees half a file.
  await writeFile(`${file}.tmp`, JSON.stringify(stackDescriptionSchema.parse(description), null, 2));
  await rename(`${file}.tmp`, file);
}

export async function readStackFile(dataDir: string): Promise<StackDescription> {
  const file = stackFilePath(dataDir);
  return stackDescriptionSchema.parse(JSON.parse(await readFile(file, 'utf8')));
}
