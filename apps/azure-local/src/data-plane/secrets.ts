import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/**
 * Local-only secrets of the data plane, generated on first start and kept in the data folder (mode 0600)
 * so a restart finds the same database password, signer key passphrase and registry upload secret.
 * `CTP_SIGNER_PASSPHRASE` overrides the notary-signer passphrase (the configuration the issue asks for).
 */
const secretsSchema = z.object({
  postgresPassword: z.string().min(16),
  signerPassphrase: z.string().min(16),
  registryHttpSecret: z.string().min(16),
  /** Passphrases of the seed's notary keys (root, targets, snapshot, delegations). */
  seedPassphrase: z.string().min(16),
});
export type DataPlaneSecrets = z.infer<typeof secretsSchema>;

export async function loadOrCreateSecrets(
  file: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<DataPlaneSecrets> {
  let secrets: DataPlaneSecrets;
  if (existsSync(file)) {
    secrets = secretsSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  } else {
    const fresh = () => randomBytes(24).toString('base64url');
    secrets = {
      postgresPassword: fresh(),
      signerPassphrase: fresh(),
      registryHttpSecret: fresh(),
      seedPassphrase: fresh(),
    };
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  const override = env.CTP_SIGNER_PASSPHRASE;
  return override ? { ...secrets, signerPassphrase: override } : secrets;
}
