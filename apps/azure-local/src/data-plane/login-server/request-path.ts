import { isValidRepositoryName } from '../token/scopes.ts';

/** Where a login-server request goes, decided from the raw path before anything is proxied. */
export type Route =
  | { kind: 'registry'; repository?: string }
  | {
      kind: 'trust';
      gun?: string;
      repository?: string;
      write: boolean;
      /** After `_trust/`. */ tail?: string;
    }
  | { kind: 'token' }
  | { kind: 'exchange' }
  | { kind: 'acr-tags'; repository: string }
  | { kind: 'health' };

export class BadPath extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const REGISTRY_ENDPOINTS = /^(.+?)\/(manifests|blobs|tags|referrers)(\/.*)?$/;

/**
 * Classifies a request path. Refuses path tricks outright (`..`/`.` segments, empty segments inside a
 * name, percent-encoded slashes, dots or backslashes, any other escape except `%3A`), so the upstreams
 * only ever see names that they would themselves accept.
 */
export function classifyPath(rawUrl: string, method: string, loginServer: string): Route {
  const queryStart = rawUrl.indexOf('?');
  const rawPath = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
  if (!rawPath.startsWith('/')) throw new BadPath(400, 'INVALID_PATH', 'the request path must start with /');
  if (/%(?!3a)/i.test(rawPath)) {
    throw new BadPath(
      400,
      'NAME_INVALID',
      'percent-encoded characters (such as %2F or %2E) are not allowed in the path',
    );
  }
  const path = rawPath.replace(/%3a/gi, ':');
  if (path.includes('\\')) throw new BadPath(400, 'NAME_INVALID', 'backslashes are not allowed in the path');
  const segments = path.split('/').slice(1);
  if (segments.some((s) => s === '.' || s === '..')) {
    throw new BadPath(400, 'NAME_INVALID', '"." and ".." segments are not allowed in the path');
  }

  if (path === '/_health') return { kind: 'health' };
  if (path === '/oauth2/token') return { kind: 'token' };
  if (path === '/oauth2/exchange') return { kind: 'exchange' };
  const acr = /^\/acr\/v1\/(.+)\/_tags$/.exec(path);
  if (acr?.[1]) return { kind: 'acr-tags', repository: checkRepository(acr[1]) };
  if (path === '/v2' || path === '/v2/') return { kind: 'registry' };
  if (!path.startsWith('/v2/')) throw new BadPath(404, 'NOT_FOUND', `no such endpoint: ${path}`);
  const rest = path.slice('/v2/'.length);
  if (rest === '_catalog') return { kind: 'registry' };
  if (rest.startsWith('_trust/')) return { kind: 'trust', write: method !== 'GET' && method !== 'HEAD' };

  const trust = /^(.+?)\/_trust\/(.*)$/.exec(rest);
  if (trust?.[1] !== undefined) {
    const gun = trust[1];
    const prefix = `${loginServer}/`;
    if (!gun.startsWith(prefix)) {
      throw new BadPath(
        404,
        'NAME_UNKNOWN',
        `GUN "${gun}" does not belong to this registry: its GUNs are ${prefix}<repository>`,
      );
    }
    const repository = checkRepository(gun.slice(prefix.length));
    const tail = trust[2] ?? '';
    // GET of timestamp.key / snapshot.key creates a server-managed key: a write as far as policy goes.
    const write = (method !== 'GET' && method !== 'HEAD') || /\.key$/.test(tail);
    return { kind: 'trust', gun, repository, write, tail };
  }
  const endpoint = REGISTRY_ENDPOINTS.exec(rest);
  if (endpoint?.[1]) return { kind: 'registry', repository: checkRepository(endpoint[1]) };
  throw new BadPath(404, 'NOT_FOUND', `no such registry endpoint: ${path}`);
}

function checkRepository(name: string): string {
  if (!isValidRepositoryName(name)) {
    throw new BadPath(
      400,
      'NAME_INVALID',
      `"${name}" is not a valid repository name (lower-case letters, digits and . _ - separators, components joined by /)`,
    );
  }
  return name;
}
