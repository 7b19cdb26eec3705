// Docker's reference normalisation (distribution/reference ParseNormalizedNamed), enough for
// `docker trust inspect` and `docker pull` arguments: NAME[:TAG][@DIGEST] with an optional registry host.

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
  /** `sha256:<hex>` when the reference pins a digest. */
  digest?: string;
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
const HEX64 = /^[a-f0-9]{64}$/;

export function parseImageRef(input: string): ImageRef | { error: string } {
  if (HEX64.test(input))
    return { error: `invalid repository name (${input}), cannot specify 64-byte hexadecimal strings` };
  let rest = input;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return { error: 'invalid reference format' };
  }
  let name = rest;
  let tag: string | undefined;
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > rest.lastIndexOf('/')) {
    tag = rest.slice(lastColon + 1);
    name = rest.slice(0, lastColon);
    if (!TAG.test(tag)) return { error: 'invalid reference format' };
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
  if (path !== path.toLowerCase())
    return { error: `invalid reference format: repository name (${path}) must be lowercase` };
  if (!path.split('/').every((c) => COMPONENT.test(c))) return { error: 'invalid reference format' };
  return {
    input,
    gun: `${host}/${path}`,
    host,
    repository: path,
    ...(tag === undefined ? {} : { tag }),
    ...(digest === undefined ? {} : { digest }),
  };
}

/** reference.FamiliarName: the name as Docker prints it (docker.io/library/ and docker.io/ dropped). */
export function familiarName(ref: ImageRef): string {
  if (ref.host !== 'docker.io') return ref.gun;
  return ref.repository.startsWith('library/') && ref.repository.split('/').length === 2
    ? ref.repository.slice('library/'.length)
    : ref.repository;
}

/** Docker's default trust server for a registry host. */
export function defaultTrustServer(host: string): string {
  return host === 'docker.io' ? 'https://notary.docker.io' : `https://${host}`;
}
