import type { Principal, PrincipalSearchKind, PrincipalType } from '@ctp/contracts';
import type { ArmClients } from '../azure/arm.ts';
import type { GraphClient } from '../azure/graph.ts';
import type { Logger } from '../logging.ts';

/** A directory object as Graph returns it (the subset of properties the blade uses). */
interface GraphObject {
  '@odata.type'?: string;
  id: string;
  displayName?: string | null;
  userPrincipalName?: string | null;
  mail?: string | null;
  appId?: string | null;
  servicePrincipalType?: string | null;
}

interface GraphPage {
  value?: GraphObject[];
}

const GETBYIDS_LIMIT = 1000;
const SEARCH_TOP = '20';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const COLLECTIONS: Record<Exclude<PrincipalSearchKind, 'all'>, { path: string; fields: string[] }> = {
  user: { path: '/v1.0/users', fields: ['displayName', 'userPrincipalName', 'mail'] },
  group: { path: '/v1.0/groups', fields: ['displayName', 'mail'] },
  servicePrincipal: { path: '/v1.0/servicePrincipals', fields: ['displayName'] },
};
const TYPE_OF_KIND = { user: 'User', group: 'Group', servicePrincipal: 'ServicePrincipal' } as const;
const SELECT = 'id,displayName,userPrincipalName,mail,appId,servicePrincipalType';

/**
 * The local tenant lists a pseudo service principal for each registry's admin account (emulator-only,
 * so its ARM can show the refusal). Azure has no such object: the admin account is no Entra identity,
 * and the member picker never offers it.
 */
export function isRegistryAdminAccount(o: Pick<Principal, 'servicePrincipalType' | 'displayName'>): boolean {
  return o.servicePrincipalType === 'Legacy' && /\(admin account\)$/.test(o.displayName ?? '');
}

function typeOf(o: GraphObject, kindHint?: Exclude<PrincipalSearchKind, 'all'>): PrincipalType {
  const t = o['@odata.type']?.toLowerCase();
  if (t === '#microsoft.graph.user' || kindHint === 'user') return 'User';
  if (t === '#microsoft.graph.group' || kindHint === 'group') return 'Group';
  if (t === '#microsoft.graph.serviceprincipal' || kindHint === 'servicePrincipal') return 'ServicePrincipal';
  return 'Unknown';
}

function toPrincipal(o: GraphObject, classic: Set<string>, kindHint?: Exclude<PrincipalSearchKind, 'all'>) {
  const type = typeOf(o, kindHint);
  const names = [o.userPrincipalName, o.mail].filter((n): n is string => !!n).map((n) => n.toLowerCase());
  return {
    id: o.id,
    type,
    found: true,
    ...(o.displayName ? { displayName: o.displayName } : {}),
    ...(o.userPrincipalName ? { userPrincipalName: o.userPrincipalName } : {}),
    ...(o.mail ? { mail: o.mail } : {}),
    ...(o.appId ? { appId: o.appId } : {}),
    ...(o.servicePrincipalType ? { servicePrincipalType: o.servicePrincipalType } : {}),
    ...(type === 'User' ? { classicAdministrator: names.some((n) => classic.has(n)) } : {}),
  } satisfies Principal;
}

/** "Identity not found": an id ARM assigns to that Graph does not know (deleted, or another tenant's). */
export function unknownPrincipal(id: string, armType?: string): Principal {
  const type = (['User', 'Group', 'ServicePrincipal', 'ForeignGroup'] as const).find((t) => t === armType);
  return { id, type: type ?? 'Unknown', found: false };
}

/** Principals through Microsoft Graph, marked with what the subscription's classic administrators are. */
export class PrincipalDirectory {
  private classic?: Promise<Set<string>>;

  constructor(
    private readonly graph: GraphClient,
    private readonly arm: ArmClients,
    private readonly subscriptionId: string,
    private readonly log: Logger,
  ) {}

  /** Resolves ids in bulk (`directoryObjects/getByIds`, ≤1000 a call); missing ids are absent. */
  async resolve(ids: string[]): Promise<Map<string, Principal>> {
    const unique = [...new Set(ids.map((id) => id.toLowerCase()))];
    const classic = await this.classicAdministrators();
    const found = new Map<string, Principal>();
    for (let i = 0; i < unique.length; i += GETBYIDS_LIMIT) {
      const page = await this.graph.post<GraphPage>('/v1.0/directoryObjects/getByIds', {
        ids: unique.slice(i, i + GETBYIDS_LIMIT),
        types: ['user', 'group', 'servicePrincipal'],
      });
      for (const o of page.value ?? []) found.set(o.id.toLowerCase(), toPrincipal(o, classic));
    }
    return found;
  }

  async get(id: string): Promise<Principal | undefined> {
    return (await this.resolve([id])).get(id.toLowerCase());
  }

  /**
   * The member picker's search: by name, UPN or mail (Graph `$search`, an advanced query), or by
   * object id / appId when the text is a GUID. The registry admin account never appears.
   */
  async search(text: string, kind: PrincipalSearchKind): Promise<Principal[]> {
    const classic = await this.classicAdministrators();
    const kinds = kind === 'all' ? (['user', 'group', 'servicePrincipal'] as const) : [kind];
    const query = text.trim();
    const pages = await Promise.all(
      kinds.map(async (k) => (await this.searchOne(k, query)).map((o) => toPrincipal(o, classic, k))),
    );
    const byId = new Map<string, Principal>();
    if (GUID.test(query)) for (const p of (await this.resolve([query])).values()) byId.set(p.id, p);
    for (const p of pages.flat()) byId.set(p.id, p);
    return [...byId.values()]
      .filter((p) => !isRegistryAdminAccount(p))
      .filter((p) => kind === 'all' || p.type === TYPE_OF_KIND[kind])
      .sort((a, b) => (a.displayName ?? '').localeCompare(b.displayName ?? ''));
  }

  private async searchOne(kind: Exclude<PrincipalSearchKind, 'all'>, text: string): Promise<GraphObject[]> {
    const { path, fields } = COLLECTIONS[kind];
    if (!text)
      return (await this.graph.get<GraphPage>(path, { $select: SELECT, $top: SEARCH_TOP })).value ?? [];
    if (GUID.test(text)) {
      if (kind !== 'servicePrincipal') return [];
      const filter = `appId eq '${text}'`;
      return (await this.graph.get<GraphPage>(path, { $filter: filter, $select: SELECT })).value ?? [];
    }
    // $search clauses are double-quoted; quotes and backslashes in the text cannot be escaped there.
    const term = text.replace(/["\\]/g, ' ').trim();
    if (!term) return [];
    const search = fields.map((f) => `"${f}:${term}"`).join(' OR ');
    const page = await this.graph.get<GraphPage>(
      path,
      { $search: search, $select: SELECT, $top: SEARCH_TOP, $count: 'true' },
      { ConsistencyLevel: 'eventual' },
    );
    return page.value ?? [];
  }

  /**
   * Sign-in names of the subscription's classic administrators (they can never be granted trusted
   * push). If ARM will not list them, none are marked: ARM and the login server still refuse.
   */
  classicAdministrators(): Promise<Set<string>> {
    this.classic ??= (async () => {
      const names = new Set<string>();
      try {
        for await (const admin of this.arm.authorization(this.subscriptionId).classicAdministrators.list())
          if (admin.emailAddress) names.add(admin.emailAddress.toLowerCase());
      } catch (error) {
        this.log.warn({ err: error }, 'classic administrators could not be listed');
      }
      return names;
    })();
    return this.classic;
  }
}
