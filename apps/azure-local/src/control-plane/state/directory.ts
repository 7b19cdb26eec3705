import { timingSafeEqual } from 'node:crypto';
import type { Db } from './db.ts';

export type DirectoryKind = 'user' | 'group' | 'servicePrincipal';

/** A user, group or service principal of the local tenant (what Graph lists and RBAC assigns to). */
export interface DirectoryObject {
  id: string;
  kind: DirectoryKind;
  seedKey: string | null;
  displayName: string;
  userPrincipalName: string | null;
  mail: string | null;
  givenName: string | null;
  surname: string | null;
  jobTitle: string | null;
  description: string | null;
  appId: string | null;
  servicePrincipalType: string | null;
  /**
   * LOCAL-ONLY secret: a user's password (Docker/notary basic auth, resource-owner password grant) or a
   * service principal's client secret. Real Entra never hands these out; the local stack seeds them.
   */
  localSecret: string | null;
  /** 'ServiceAdministrator' | 'CoAdministrator' for classic subscription administrators. */
  classicAdminRole: string | null;
  /** Set on the pseudo principal that stands for a registry's admin account (emulator-only). */
  registryAdminOf: string | null;
  createdAt: string;
}

interface Row {
  id: string;
  kind: DirectoryKind;
  seed_key: string | null;
  display_name: string;
  user_principal_name: string | null;
  mail: string | null;
  given_name: string | null;
  surname: string | null;
  job_title: string | null;
  description: string | null;
  app_id: string | null;
  service_principal_type: string | null;
  local_secret: string | null;
  classic_admin_role: string | null;
  registry_admin_of: string | null;
  created_at: string;
}

function fromRow(row: Row): DirectoryObject {
  return {
    id: row.id,
    kind: row.kind,
    seedKey: row.seed_key,
    displayName: row.display_name,
    userPrincipalName: row.user_principal_name,
    mail: row.mail,
    givenName: row.given_name,
    surname: row.surname,
    jobTitle: row.job_title,
    description: row.description,
    appId: row.app_id,
    servicePrincipalType: row.service_principal_type,
    localSecret: row.local_secret,
    classicAdminRole: row.classic_admin_role,
    registryAdminOf: row.registry_admin_of,
    createdAt: row.created_at,
  };
}

export type NewDirectoryObject = Pick<DirectoryObject, 'id' | 'kind' | 'displayName'> &
  Partial<Omit<DirectoryObject, 'id' | 'kind' | 'displayName' | 'createdAt'>>;

export class DirectoryStore {
  constructor(private readonly db: Db) {}

  insert(object: NewDirectoryObject): DirectoryObject {
    this.db
      .prepare(
        `INSERT INTO directory_objects (id, kind, seed_key, display_name, user_principal_name, mail, given_name, surname,
           job_title, description, app_id, service_principal_type, local_secret, classic_admin_role, registry_admin_of, created_at)
         VALUES (@id, @kind, @seedKey, @displayName, @userPrincipalName, @mail, @givenName, @surname,
           @jobTitle, @description, @appId, @servicePrincipalType, @localSecret, @classicAdminRole, @registryAdminOf, @createdAt)`,
      )
      .run({
        seedKey: null,
        userPrincipalName: null,
        mail: null,
        givenName: null,
        surname: null,
        jobTitle: null,
        description: null,
        appId: null,
        servicePrincipalType: null,
        localSecret: null,
        classicAdminRole: null,
        registryAdminOf: null,
        ...object,
        createdAt: new Date().toISOString(),
      });
    return this.get(object.id)!;
  }

  addMember(groupId: string, memberId: string): void {
    this.db
      .prepare('INSERT OR IGNORE INTO group_members (group_id, member_id) VALUES (?, ?)')
      .run(groupId, memberId);
  }

  remove(id: string): void {
    this.db.prepare('DELETE FROM directory_objects WHERE id = ?').run(id);
  }

  get(id: string): DirectoryObject | undefined {
    const row = this.db.prepare('SELECT * FROM directory_objects WHERE id = ? COLLATE NOCASE').get(id) as
      Row | undefined;
    return row && fromRow(row);
  }

  getMany(ids: string[]): DirectoryObject[] {
    return ids.map((id) => this.get(id)).filter((o): o is DirectoryObject => o !== undefined);
  }

  bySeedKey(key: string): DirectoryObject | undefined {
    const row = this.db.prepare('SELECT * FROM directory_objects WHERE seed_key = ?').get(key) as
      Row | undefined;
    return row && fromRow(row);
  }

  byUserPrincipalName(upn: string): DirectoryObject | undefined {
    const row = this.db
      .prepare("SELECT * FROM directory_objects WHERE kind = 'user' AND user_principal_name = ?")
      .get(upn) as Row | undefined;
    return row && fromRow(row);
  }

  byAppId(appId: string): DirectoryObject | undefined {
    const row = this.db
      .prepare(
        "SELECT * FROM directory_objects WHERE kind = 'servicePrincipal' AND app_id = ? COLLATE NOCASE",
      )
      .get(appId) as Row | undefined;
    return row && fromRow(row);
  }

  byRegistryAdminOf(registryId: string): DirectoryObject | undefined {
    const row = this.db
      .prepare('SELECT * FROM directory_objects WHERE registry_admin_of = ? COLLATE NOCASE')
      .get(registryId) as Row | undefined;
    return row && fromRow(row);
  }

  list(kind?: DirectoryKind): DirectoryObject[] {
    const rows = (
      kind
        ? this.db
            .prepare(
              'SELECT * FROM directory_objects WHERE kind = ? ORDER BY display_name COLLATE NOCASE, id',
            )
            .all(kind)
        : this.db.prepare('SELECT * FROM directory_objects ORDER BY display_name COLLATE NOCASE, id').all()
    ) as Row[];
    return rows.map(fromRow);
  }

  /** Direct members of a group (Graph's /groups/{id}/members), ordered like list(). */
  membersOf(groupId: string): DirectoryObject[] {
    const rows = this.db
      .prepare(
        `SELECT d.* FROM group_members gm JOIN directory_objects d ON d.id = gm.member_id
         WHERE gm.group_id = ? COLLATE NOCASE ORDER BY d.display_name COLLATE NOCASE, d.id`,
      )
      .all(groupId) as Row[];
    return rows.map(fromRow);
  }

  /** Groups the object belongs to, directly or through nested groups. */
  groupsOf(memberId: string): string[] {
    const rows = this.db
      .prepare(
        `WITH RECURSIVE g(id) AS (
           SELECT group_id FROM group_members WHERE member_id = ? COLLATE NOCASE
           UNION SELECT gm.group_id FROM group_members gm JOIN g ON gm.member_id = g.id)
         SELECT id FROM g`,
      )
      .all(memberId) as Array<{ id: string }>;
    return rows.map((r) => r.id);
  }

  classicAdministrators(): DirectoryObject[] {
    const rows = this.db
      .prepare('SELECT * FROM directory_objects WHERE classic_admin_role IS NOT NULL')
      .all() as Row[];
    return rows.map(fromRow);
  }

  /** Checks a local password / client secret in constant time. */
  static secretMatches(object: DirectoryObject | undefined, secret: string): boolean {
    if (!object?.localSecret) return false;
    const a = Buffer.from(object.localSecret);
    const b = Buffer.from(secret);
    return a.length === b.length && timingSafeEqual(a, b);
  }
}
