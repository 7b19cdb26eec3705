// Docker's reference normalisation (distribution/reference ParseNormalizedNamed), enough for
// `docker trust inspect` arguments: NAME[:TAG] with an optional registry host.

export interface ImageRef {
  /** The argument as typed (Docker prints it as "Name"). */
  input: string;
  /** Fully qualified repository name = the GUN, e.g. 127.0.0.1:4443/team/app, docker.io/library/alpine. */
  gun: string;
  /** Registry host[:port] ("docker.io" for Docker Hub). */
  host: string;
  /** Repository path on the registry. */
  repository: string;
  tag?: string;
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;

export function parseImageRef(input: string): ImageRef | { error: string } {
  if (input.includes('@')) return { error: `${input}: digest references are not supported by trust inspect` };
  let name = input;
  let tag: string | undefined;
  const lastColon = input.lastIndexOf(':');
  if (lastColon > input.lastIndexOf('/')) {
    tag = input.slice(lastColon + 1);
    name = input.slice(0, lastColon);
    if (!TAG.test(tag)) return { error: `invalid reference format: ${input}` };
  }
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  let host = 'docker.io';
  let path = name;
  if (
    slash >= 0 &&
    (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase())
  ) {
    host = first;
    path = name.slice(slash + 1);
  }
  if (host === 'index.docker.io') host = 'docker.io';
  if (host === 'docker.io' && !path.includes('/')) path = `library/${path}`;
  if (!path.split('/').every((c) => COMPONENT.test(c)))
    return { error: `invalid reference format: repository name must be lowercase: ${input}` };
  return { input, gun: `${host}/${path}`, host, repository: path, ...(tag === undefined ? {} : { tag }) };
}

/** Docker's default trust server for a registry host. */
export function defaultTrustServer(host: string): string {
  return host === 'docker.io' ? 'https://notary.docker.io' : `https://${host}`;
}
