// Docker's reference normalisation (distribution/reference ParseNormalizedNamed), enough for
// `docker trust inspect` arguments: NAME[:TAG][@DIGEST] with an optional registry host. Like Docker,
// trust inspect looks a digest reference up by its name alone: the digest is validated, the tag ignored.

export interface ImageRef {
  /** The argument as typed (Docker prints it as "Name"). */
  input: string;
  /** Fully qualified repository name = the GUN, e.g. 127.0.0.1:4443/team/app, docker.io/library/alpine. */
  gun: string;
  /** Registry host[:port] ("docker.io" for Docker Hub). */
  host: string;
  /** Repository path on the registry. */
  repository: string;
  /** The tag, unless the reference also names a digest (Docker then ignores it). */
  tag?: string;
  /** `algorithm:hex` when the reference names one. */
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
  let rest = input;
  let digest: string | undefined;
  const at = input.indexOf('@');
  if (at >= 0) {
    digest = input.slice(at + 1);
    rest = input.slice(0, at);
    const problem = digestProblem(digest);
    if (problem) return { error: `${problem}: ${input}` };
  }
  let name = rest;
  let tag: string | undefined;
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > rest.lastIndexOf('/')) {
    tag = rest.slice(lastColon + 1);
    name = rest.slice(0, lastColon);
    if (!TAG.test(tag)) return { error: `invalid reference format: ${input}` };
  }
  if (name.length > NAME_MAX)
    return {
      error: `repository name must not be more than ${NAME_MAX} characters: ${input}`,
    };
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
  if (!NAME.test(`${host}/${path}`)) return { error: `invalid reference format: ${input}` };
  return {
    input,
    gun: `${host}/${path}`,
    host,
    repository: path,
    // Docker's trust inspect lists a digest reference like its bare name: a tag beside a digest is ignored.
    ...(tag === undefined || digest !== undefined ? {} : { tag }),
    ...(digest === undefined ? {} : { digest }),
  };
}

/** Docker's default trust server for a registry host. */
export function defaultTrustServer(host: string): string {
  return host === 'docker.io' ? 'https://notary.docker.io' : `https://${host}`;
}
