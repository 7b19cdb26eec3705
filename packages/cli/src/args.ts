// Argument parsing for `content-trust` (node:util parseArgs).
import { parseArgs } from 'node:util';

export const USAGE = `Usage: content-trust inspect [OPTIONS] IMAGE[:TAG] [IMAGE[:TAG]...]

Return low-level information about keys and signatures (same JSON as \`docker trust inspect\`)

Options:
      --pretty            Print the information in a human friendly format
      --status            Add per-role verification results, expiries and per-tag status against the registry
      --server URL        Trust server (like DOCKER_CONTENT_TRUST_SERVER; default https://<registry host>)
      --registry URL      Registry for --status (default https://<registry host>)
      --archive FILE      Read trust data from a portal export (zip) instead of a trust server
      --ca FILE           Also trust this CA certificate (repeatable)
  -u, --username NAME     Username (or CONTENT_TRUST_USERNAME; default: Docker config.json auths)
  -p, --password SECRET   Password (or CONTENT_TRUST_PASSWORD)
      --concurrency N     Repositories verified at once (default 8)
`;

export interface InspectArgs {
  pretty: boolean;
  status: boolean;
  server?: string;
  registry?: string;
  archive?: string;
  ca: string[];
  username?: string;
  password?: string;
  concurrency: number;
  images: string[];
}

export function parseInspectArgs(argv: string[]): InspectArgs | { error: string } | { help: true } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        pretty: { type: 'boolean', default: false },
        status: { type: 'boolean', default: false },
        server: { type: 'string' },
        registry: { type: 'string' },
        archive: { type: 'string' },
        ca: { type: 'string', multiple: true },
        username: { type: 'string', short: 'u' },
        password: { type: 'string', short: 'p' },
        concurrency: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    return { error: (e as Error).message };
  }
  const v = parsed.values;
  if (v.help) return { help: true };
  if (parsed.positionals.length === 0)
    return { error: '"content-trust inspect" requires at least 1 argument.' };
  const concurrency = v.concurrency === undefined ? 8 : Number(v.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1)
    return { error: '--concurrency must be a positive integer' };
  if (v.archive && v.status)
    return { error: '--archive cannot be combined with --status (no registry to compare)' };
  return {
    pretty: v.pretty ?? false,
    status: v.status ?? false,
    ...(v.server ? { server: v.server } : {}),
    ...(v.registry ? { registry: v.registry } : {}),
    ...(v.archive ? { archive: v.archive } : {}),
    ca: v.ca ?? [],
    ...(v.username ? { username: v.username } : {}),
    ...(v.password ? { password: v.password } : {}),
    concurrency,
    images: parsed.positionals,
  };
}
