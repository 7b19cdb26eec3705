// Docker's reference normalisation (distribution/reference ParseNormalizedNamed), enough for
// `docker trust inspect` and `docker pull` arguments: NAME[:TAG][@DIGEST] with an optional registry host.
// Like Docker, trust inspect looks a digest reference up by its name alone: the digest is validated,
// the tag beside it ignored. Error texts are Docker's own (compared with it by the oracle tests).

export interface ImageRef {
  /** The argument as typed (Docker prints it as "Name"). */
  input: string;
  /** Globally unique name of the trust collection, e.g. myregistry.azurecr.io/hello-world */
  gun: string;
  /** Registry host (with port), e.g. docker.io or localhost:5000 */
  host: string;
  /** Repository path on the registry. */
  repository: string;
  /** The tag, unless the reference also names a digest (Docker then ignores it). */
  tag?: string;
  /** `algorithm:hex` when the reference pins a digest. */
  digest?: string;
}

const COMPONENT_SOURCE = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const COMPONENT = new RegExp(`^${COMPONENT_SOURCE}$`);
// distribution/reference's domain (name components, or a bracketed IPv6 address, and a numeric port).
const DOMAIN_SOURCE =
  '(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?';
const NAME = new RegExp(`^(?:${DOMAIN_SOURCE}/)?${COMPONENT_SOURCE}(?:/${COMPONENT_SOURCE})*$`);
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const HEX64 = /^[a-f0-9]{64}$/;
/** The algorithms go-digest accepts, with their hex length. */
const DIGEST_HEX_LENGTH: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };
const NAME_MAX = 255;

function digestProblem(digest: string): string | undefined {
  if (!DIGEST.test(digest)) return 'invalid reference format';
  const [algorithm, hex] = digest.split(':') as [string, string];
  const length = Object.hasOwn(DIGEST_HEX_LENGTH, algorithm) ? DIGEST_HEX_LENGTH[algorithm] : undefined;
  if (length === undefined) return 'unsupported digest algorithm';
  if (!/^[0-9a-f]+$/.test(hex)) return 'invalid checksum digest format';
  if (hex.length !== length) return 'invalid checksum digest length';
  return undefined;
}

export function parseImageRef(input: string): ImageRef | { error: string } {
  if (HEX64.test(input))
    return { error: `invalid repository name (${input}), cannot specify 64-byte hexadecimal strings` };
  let rest = input;
  let digest: string | undefined;
  const at = input.indexOf('@');
  if (at >= 0) {
    digest = input.slice(at + 1);
    rest = input.slice(0, at);
    const problem = digestProblem(digest);
    if (problem) return { error: problem };
  }
  let name = rest;
  let tag: string | undefined;
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > rest.lastIndexOf('/')) {
    tag = rest.slice(lastColon + 1);
    name = rest.slice(0, lastColon);
    if (!TAG.test(tag)) return { error: 'invalid reference format' };
  }
  if (name.length > NAME_MAX)
    return { error: `repository name must not be more than ${NAME_MAX} characters` };
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
  if (!NAME.test(`${host}/${path}`)) return { error: 'invalid reference format' };
  return {
    input,
    gun: `${host}/${path}`,
    host,
    repository: path,
    ...(tag === undefined || digest !== undefined ? {} : { tag }),
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
