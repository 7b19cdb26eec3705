/**
 * Publish (and optionally sign) a small generated image against a running local stack:
 *
 *   pnpm --filter @ctp/azure-local exec tsx src/tools/publish-image.ts \
 *     --registry ctpdemo --repository demo/app --tag v1 --username <user> --password <secret> \
 *     [--sign] [--role targets/releases] [--label text] [--padding-bytes N] [--format docker|oci] [--trust-dir DIR]
 *
 * Endpoints and the CA come from <CTP_DATA_DIR>/stack.json. Signing uses the real notary CLI with a trust
 * dir (default <dataDir>/publish-trust) whose key passphrase is CTP_TRUST_PASSPHRASE or a generated one
 * kept in that dir. Prints one JSON line: {loginServer, repository, tag, digest, size, signed}.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadStackConfig } from '../config.ts';
import { buildTinyImage, type ManifestFormat } from '../data-plane/client/images.ts';
import { LoginServerClient, type Credentials } from '../data-plane/client/login-server-client.ts';
import { notary, signTargets, type NotaryCliOptions } from '../data-plane/client/notary-cli.ts';
import { readStackFile } from '../stack-file.ts';

export interface PublishRequest {
  loginServer: string;
  caFile: string;
  repository: string;
  tag: string;
  credentials: Credentials;
  label?: string;
  paddingBytes?: number;
  format?: ManifestFormat;
  sign?: { trustDir: string; passphrase: string; role?: string };
}

export interface PublishResult {
  loginServer: string;
  repository: string;
  tag: string;
  digest: string;
  size: number;
  signed: boolean;
}

/** Pushes a generated image through the login server, then signs the tag with the notary CLI if asked. */
export async function publishImage(request: PublishRequest): Promise<PublishResult> {
  const image = buildTinyImage(
    request.label ?? `${request.repository}:${request.tag} ${new Date().toISOString()}`,
    request.format,
    request.paddingBytes,
  );
  const client = new LoginServerClient(request.loginServer, request.caFile);
  const digest = await client.pushImage(request.credentials, request.repository, request.tag, image);
  const size = image.manifest.bytes.length;
  if (request.sign) {
    const options: NotaryCliOptions = {
      loginServer: request.loginServer,
      caFile: request.caFile,
      trustDir: request.sign.trustDir,
      credentials: request.credentials,
      passphrase: request.sign.passphrase,
    };
    const gun = `${request.loginServer}/${request.repository}`;
    // First signature of this GUN from this trust dir: create its root and repository keys.
    if (!existsSync(path.join(request.sign.trustDir, 'tuf', gun, 'metadata', 'root.json'))) {
      await notary(options, ['init', gun, '-p']);
    }
    await signTargets(options, gun, [
      { tag: request.tag, digest, size, ...(request.sign.role ? { role: request.sign.role } : {}) },
    ]);
  }
  return {
    loginServer: request.loginServer,
    repository: request.repository,
    tag: request.tag,
    digest,
    size,
    signed: !!request.sign,
  };
}

async function trustPassphrase(trustDir: string): Promise<string> {
  if (process.env.CTP_TRUST_PASSPHRASE) return process.env.CTP_TRUST_PASSPHRASE;
  const file = path.join(trustDir, 'passphrase');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  await mkdir(trustDir, { recursive: true, mode: 0o700 });
  const passphrase = randomBytes(18).toString('base64url');
  await writeFile(file, passphrase, { mode: 0o600 });
  return passphrase;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      registry: { type: 'string' },
      'login-server': { type: 'string' },
      repository: { type: 'string' },
      tag: { type: 'string', default: 'latest' },
      username: { type: 'string' },
      password: { type: 'string' },
      sign: { type: 'boolean', default: false },
      role: { type: 'string' },
      label: { type: 'string' },
      'padding-bytes': { type: 'string' },
      format: { type: 'string', default: 'docker' },
      'trust-dir': { type: 'string' },
    },
  });
  const config = loadStackConfig();
  const stack = await readStackFile(config.dataDir);
  // --login-server reaches registries created after the stack started (through ARM); --registry names
  // one of those the stack description lists.
  const loginServer =
    values['login-server'] ?? stack.registries.find((r) => r.name === values.registry)?.loginServer;
  if (!loginServer) {
    throw new Error(
      `give --login-server host:port, or --registry as one of: ${stack.registries.map((r) => r.name).join(', ')}`,
    );
  }
  if (!values.repository || !values.username || !values.password)
    throw new Error('--repository, --username and --password are required');
  if (values.format !== 'docker' && values.format !== 'oci')
    throw new Error('--format must be docker or oci');
  const trustDir = path.resolve(values['trust-dir'] ?? path.join(config.dataDir, 'publish-trust'));
  const result = await publishImage({
    loginServer,
    caFile: stack.caCertificate,
    repository: values.repository,
    tag: values.tag ?? 'latest',
    credentials: { username: values.username, password: values.password },
    format: values.format,
    ...(values.label ? { label: values.label } : {}),
    ...(values['padding-bytes'] ? { paddingBytes: Number(values['padding-bytes']) } : {}),
    ...(values.sign
      ? {
          sign: {
            trustDir,
            passphrase: await trustPassphrase(trustDir),
            ...(values.role ? { role: values.role } : {}),
          },
        }
      : {}),
  });
  console.log(JSON.stringify(result));
}

if (process.argv[1] && import.meta.url === new URL(`file://${path.resolve(process.argv[1])}`).href) {
  main().catch((error: unknown) => {
    console.error(`publish-image: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
