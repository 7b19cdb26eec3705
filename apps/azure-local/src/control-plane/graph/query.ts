import type { DirectoryObject } from '../state/directory.ts';

/** A Graph query error (400 Request_UnsupportedQuery / BadRequest). */
export class GraphQueryError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Predicate = (o: Record<string, unknown>) => boolean;

/** Words of a display name as Graph tokenizes them: spaces, symbols, case changes, digits. */
function tokens(value: string): string[] {
  return value
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .replace(/(\d)([A-Za-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((t) => t.toLowerCase());
}

const TOKENIZED = new Set(['displayname', 'description']);

/**
 * `$search` on directory objects (advanced query): `"property:text"` clauses joined by AND / OR,
 * parentheses allowed. displayName/description match by word prefix; other properties by startsWith.
 */
export function parseSearch(search: string): Predicate {
  const input = search.trim();
  let pos = 0;
  const skip = () => {
    while (input[pos] === ' ') pos++;
  };
  const clause = (): Predicate => {
    skip();
    if (input[pos] === '(') {
      pos++;
      const inner = orExpr();
      skip();
      if (input[pos] !== ')')
        throw new GraphQueryError(
          'Request_UnsupportedQuery',
          `Syntax error: missing ')' in $search "${search}".`,
        );
      pos++;
      return inner;
    }
    if (input[pos] !== '"')
      throw new GraphQueryError(
        'Request_UnsupportedQuery',
        `Syntax error: expected a quoted "property:value" clause at position ${pos} in $search.`,
      );
    const end = input.indexOf('"', pos + 1);
    if (end < 0)
      throw new GraphQueryError('Request_UnsupportedQuery', 'Syntax error: unterminated quote in $search.');
    const text = input.slice(pos + 1, end);
    pos = end + 1;
    const colon = text.indexOf(':');
    if (colon <= 0)
      throw new GraphQueryError(
        'Request_UnsupportedQuery',
        `Invalid $search clause "${text}": use "property:value".`,
      );
    const property = text.slice(0, colon).trim();
    const value = text
      .slice(colon + 1)
      .trim()
      .toLowerCase();
    return (o) => {
      const actual = lookup(o, property);
      if (typeof actual !== 'string') return false;
      if (TOKENIZED.has(property.toLowerCase())) {
        const wanted = tokens(value);
        const have = tokens(actual);
        return wanted.every((w) => have.some((h) => h.startsWith(w)));
      }
      return actual.toLowerCase().startsWith(value);
    };
  };
  const andExpr = (): Predicate => {
    let left = clause();
    for (;;) {
      skip();
      if (input.startsWith('AND ', pos)) {
        pos += 4;
        const right = clause();
        const l = left;
        left = (o) => l(o) && right(o);
      } else return left;
    }
  };
  const orExpr = (): Predicate => {
    let left = andExpr();
    for (;;) {
      skip();
      if (input.startsWith('OR ', pos)) {
        pos += 3;
        const right = andExpr();
        const l = left;
        left = (o) => l(o) || right(o);
      } else return left;
    }
  };
  const result = orExpr();
  skip();
  if (pos !== input.length)
    throw new GraphQueryError(
      'Request_UnsupportedQuery',
      `Syntax error at position ${pos} in $search "${search}".`,
    );
  return result;
}

/**
 * `$filter` subset the people picker uses: startswith(prop,'x'), prop eq 'x', id in ('a','b'),
 * joined with and / or (no parentheses).
 */
export function parseFilter(filter: string): Predicate {
  const orParts = filter.split(/\s+or\s+/i);
  const ors = orParts.map((part) =>
    part.split(/\s+and\s+/i).map((c): Predicate => {
      const clause = c.trim();
      let m: RegExpMatchArray | null;
      if ((m = clause.match(/^startswith\(\s*([\w.]+)\s*,\s*'((?:[^']|'')*)'\s*\)$/i))) {
        const [, property, value] = m;
        const v = value!.replace(/''/g, "'").toLowerCase();
        return (o) =>
          String(lookup(o, property!) ?? '')
            .toLowerCase()
            .startsWith(v);
      }
      if ((m = clause.match(/^([\w.]+)\s+eq\s+'((?:[^']|'')*)'$/i))) {
        const [, property, value] = m;
        const v = value!.replace(/''/g, "'").toLowerCase();
        return (o) => String(lookup(o, property!) ?? '').toLowerCase() === v;
      }
      if ((m = clause.match(/^([\w.]+)\s+eq\s+(true|false)$/i))) {
        const [, property, value] = m;
        return (o) => lookup(o, property!) === (value!.toLowerCase() === 'true');
      }
      if ((m = clause.match(/^([\w.]+)\s+in\s+\(([^)]*)\)$/i))) {
        const [, property, list] = m;
        const values = new Set(
          [...list!.matchAll(/'((?:[^']|'')*)'/g)].map((x) => x[1]!.replace(/''/g, "'").toLowerCase()),
        );
        return (o) => values.has(String(lookup(o, property!) ?? '').toLowerCase());
      }
      throw new GraphQueryError(
        'Request_UnsupportedQuery',
        `Unsupported or invalid query filter clause specified: '${clause}'.`,
      );
    }),
  );
  return (o) => ors.some((ands) => ands.every((p) => p(o)));
}

function lookup(o: Record<string, unknown>, property: string): unknown {
  const key = Object.keys(o).find((k) => k.toLowerCase() === property.toLowerCase());
  return key === undefined ? undefined : o[key];
}

export function userResource(u: DirectoryObject) {
  return {
    '@odata.type': '#microsoft.graph.user',
    id: u.id,
    displayName: u.displayName,
    userPrincipalName: u.userPrincipalName,
    mail: u.mail,
    givenName: u.givenName,
    surname: u.surname,
    jobTitle: u.jobTitle,
    userType: 'Member',
    accountEnabled: true,
    businessPhones: [],
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: 'en-US',
  };
}

export function groupResource(g: DirectoryObject) {
  return {
    '@odata.type': '#microsoft.graph.group',
    id: g.id,
    displayName: g.displayName,
    description: g.description,
    mail: g.mail,
    mailEnabled: false,
    mailNickname: g.displayName.replace(/\W+/g, '').toLowerCase(),
    securityEnabled: true,
    groupTypes: [],
    createdDateTime: g.createdAt,
  };
}

export function servicePrincipalResource(s: DirectoryObject) {
  return {
    '@odata.type': '#microsoft.graph.servicePrincipal',
    id: s.id,
    appId: s.appId,
    displayName: s.displayName,
    appDisplayName: s.displayName,
    description: s.description,
    servicePrincipalType: s.servicePrincipalType ?? 'Application',
    accountEnabled: true,
    servicePrincipalNames: [s.appId],
    appOwnerOrganizationId: null,
  };
}

export function resourceOf(o: DirectoryObject): Record<string, unknown> {
  return o.kind === 'user'
    ? userResource(o)
    : o.kind === 'group'
      ? groupResource(o)
      : servicePrincipalResource(o);
}
