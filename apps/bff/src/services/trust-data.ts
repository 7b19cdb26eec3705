import {
  createNotaryApi,
  MAX_METADATA_BYTES,
  recordingSource,
  SignatureMemo,
  verifyChain,
  type NotaryApi,
  type RecordedFile,
  type VerifyResult,
} from '@ctp/notary';
import { mapPool, RegistryError, type RegistryClient } from '@ctp/registry';
import type { Caller } from '../auth/token-verifier.ts';
import type { ArmClients } from '../azure/arm.ts';
import { UpstreamError, UpstreamUnavailable } from '../errors.ts';
import type { LoginServerAccess } from '../registry/login-server-access.ts';

/** One repository's trust data as the trust server serves it now, verified, with every file read. */
export interface RepositoryTrustData {
  repository: string;
  gun: string;
  result: VerifyResult;
  /** Every TUF file read (root, timestamp, snapshot, targets, each delegation), as served. */
  files: RecordedFile[];
}

/** The caller's view of one registry's data plane: its registry API and its trust server. */
export interface RegistryDataPlane {
  loginServer: string;
  registry: RegistryClient;
  notary: NotaryApi;
}

/** Repositories verified at once: a trust server is one process; be gentle. */
const CONCURRENCY = 4;

/** The registry and trust server of a login server ARM returned for this caller, as the caller. */
export async function registryDataPlane(
  loginServers: LoginServerAccess,
  caller: Caller,
  arm: ArmClients,
  loginServer: string,
): Promise<RegistryDataPlane> {
  const token = () => arm.token();
  const [registry, credentials] = await Promise.all([
    loginServers.client(caller, { loginServer }, token),
    loginServers.credentials(caller, { loginServer }, token),
  ]);
  const notary = createNotaryApi({
    serverUrl: `https://${loginServer}`,
    fetch: loginServers.fetch,
    credentials,
  });
  return { loginServer, registry, notary };
}

/** The registry's repositories (its catalog), registry failures as problems keeping the status. */
export async function listRepositories(plane: RegistryDataPlane): Promise<string[]> {
  try {
    return (await plane.registry.listRepositories()).sort();
  } catch (error) {
    throw registryProblem(plane.loginServer, error);
  }
}

export function registryProblem(loginServer: string, error: unknown): Error {
  if (error instanceof RegistryError) {
    if (error.kind === 'network')
      return new UpstreamUnavailable(
        'registry',
        `The login server ${loginServer} did not answer: ${error.message}`,
      );
    return new UpstreamError('registry', error.status ?? 502, error.kind, error.message);
  }
  return error as Error;
}

/** Files a broken GUN still holds beyond what verification read before it stopped. */
const BASE_ROLES = ['root', 'timestamp', 'snapshot', 'targets'] as const;

/**
 * Reads and verifies every repository's trust data (Notary GUN `<loginServer>/<repository>`),
 * recording each file so the same bytes can be counted, archived and verified again later.
 */
export async function readTrustData(
  plane: RegistryDataPlane,
  repositories: readonly string[],
  now = new Date(),
): Promise<RepositoryTrustData[]> {
  const memo = new SignatureMemo();
  return mapPool(repositories, CONCURRENCY, async (repository) => {
    const gun = `${plane.loginServer}/${repository}`;
    const source = recordingSource(plane.notary.source(gun));
    const { result } = await verifyChain(gun, source, { now, memo });
    if (result.kind === 'invalid') {
      // Verification stopped early: keep what else the server holds for the base roles.
      for (const role of BASE_ROLES) await source.current(role, MAX_METADATA_BYTES);
    }
    return { repository, gun, result, files: source.files() };
  });
}
