// WWW-Authenticate parsing (RFC 7235 auth-params with quoted strings) and Docker scope strings.

export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** Parses one or more challenges; parameter names are lower-cased. */
export function parseWwwAuthenticate(header: string): Challenge[] {
  const out: Challenge[] = [];
  let i = 0;
  const n = header.length;
  const skipWs = () => {
    while (i < n && /[\s,]/.test(header[i]!)) i++;
  };
  const token = () => {
    const start = i;
    while (i < n && /[!#$%&'*+.^_`|~0-9A-Za-z-]/.test(header[i]!)) i++;
    return header.slice(start, i);
  };
  while (i < n) {
    skipWs();
    const scheme = token();
    if (!scheme) break;
    const challenge: Challenge = { scheme: scheme.toLowerCase(), params: {} };
    out.push(challenge);
    for (;;) {
      while (i < n && /[ \t]/.test(header[i]!)) i++;
      const save = i;
      if (header[i] === ',') i++;
      while (i < n && /\s/.test(header[i]!)) i++;
      const name = token();
      while (i < n && /[ \t]/.test(header[i]!)) i++;
      if (!name || header[i] !== '=') {
        i = save; // next challenge (or end)
        break;
      }
      i++;
      while (i < n && /[ \t]/.test(header[i]!)) i++;
      let value = '';
      if (header[i] === '"') {
        i++;
        while (i < n && header[i] !== '"') {
          if (header[i] === '\\' && i + 1 < n) i++;
          value += header[i];
          i++;
        }
        i++;
      } else {
        const start = i;
        while (i < n && header[i] !== ',') i++;
        value = header.slice(start, i).trim();
      }
      challenge.params[name.toLowerCase()] = value;
    }
  }
  return out;
}

export interface BearerChallenge {
  realm: string;
  service?: string;
  scopes: string[];
  error?: string;
}

export function bearerChallenge(header: string | null): BearerChallenge | undefined {
  if (!header) return undefined;
  const c = parseWwwAuthenticate(header).find((x) => x.scheme === 'bearer');
  if (!c?.params.realm) return undefined;
  return {
    realm: c.params.realm,
    ...(c.params.service !== undefined ? { service: c.params.service } : {}),
    scopes: (c.params.scope ?? '').split(' ').filter(Boolean),
    ...(c.params.error !== undefined ? { error: c.params.error } : {}),
  };
}

export interface Scope {
  type: string;
  name: string;
  actions: string[];
}

/** `type:name:actions` where the name may hold colons (a GUN with host:port): split at first and last colon. */
export function parseScope(scope: string): Scope | undefined {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  if (first < 0 || last === first) return undefined;
  return {
    type: scope.slice(0, first),
    name: scope.slice(first + 1, last),
    actions: scope
      .slice(last + 1)
      .split(',')
      .filter(Boolean),
  };
}

export function formatScope(s: Scope): string {
  return `${s.type}:${s.name}:${s.actions.join(',')}`;
}
