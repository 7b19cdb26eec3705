// Serves modified copies of real trust data. The copies are re-signed with the repository's own keys
// (root, targets, snapshot from the notary CLI's trust dir; delegation keys from the fixture) and a
// test-held timestamp key written into a re-signed root, so a tampering can be placed precisely: every
// file above it is re-bound and re-signed, and exactly the intended check fails.
import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { tufKeyId } from '../../src/keys/key-id.ts';
import { fileMeta } from './repositories.ts';
import { serialize, signRaw, type Envelope } from './signing.ts';

export type Role = 'root' | 'timestamp' | 'snapshot' | 'targets' | 'targets/releases';
export const ROLES: Role[] = ['root', 'timestamp', 'snapshot', 'targets', 'targets/releases'];

export interface KitKeys {
  root: KeyObject;
  targets: KeyObject;
  snapshot: KeyObject;
  'targets/releases': KeyObject;
}

export interface Tampering {
  /** Change a document before it is signed (the change is then validly signed). */
  beforeSign?: Partial<Record<Role, (doc: Envelope) => void>>;
  /** Change a document after signing (breaks its signature), before its parent binds it. */
  afterSign?: Partial<Record<Role, (doc: Envelope) => void>>;
  /** Replace the bytes served for a role after its parent bound the original. */
  serveInstead?: Partial<Record<Role, (bytes: Uint8Array) => Uint8Array>>;
  /** Replace the root key (certificate + private key): root is then signed by this key only. */
  newRootKey?: { keyid: string; key: KeyObject; keyDoc: unknown };
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const sha256Hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export class TamperKit {
  private readonly timestampKey = generateKeyPairSync('ed25519').privateKey;

  private constructor(
    private readonly originals: Record<Role, Envelope>,
    private readonly keys: KitKeys,
    private readonly timestampKeyId: string,
  ) {}

  static async create(originals: Record<Role, Envelope>, keys: KitKeys): Promise<TamperKit> {
    const probe = new TamperKit(originals, keys, '');
    const raw = probe.timestampKey.export({ format: 'jwk' }).x!;
    const pub = Buffer.from(raw, 'base64url').toString('base64');
    const id = await tufKeyId({ keytype: 'ed25519', keyval: { public: pub } });
    const kit = new TamperKit(originals, keys, id);
    Object.assign(kit, { timestampKey: probe.timestampKey, timestampPublic: pub });
    return kit;
  }

  private timestampPublic = '';

  /** Builds the files (GUN-relative path → bytes) for one scenario. */
  build(t: Tampering = {}): Map<string, Uint8Array> {
    const docs = Object.fromEntries(ROLES.map((r) => [r, clone(this.originals[r])])) as Record<
      Role,
      Envelope
    >;
    // Our timestamp key replaces the server's in root (so timestamps can be re-signed here).
    const root = docs.root.signed as {
      keys: Record<string, unknown>;
      roles: Record<string, { keyids: string[] }>;
    };
    root.keys[this.timestampKeyId] = {
      keytype: 'ed25519',
      keyval: { public: this.timestampPublic, private: null },
    };
    root.roles.timestamp!.keyids = [this.timestampKeyId];
    if (t.newRootKey) {
      root.keys[t.newRootKey.keyid] = t.newRootKey.keyDoc;
      root.roles.root!.keyids = [t.newRootKey.keyid];
      (docs.root.signed as { version: number }).version += 1;
    }
    const keyIdOf = (role: Role): string => {
      if (role === 'timestamp') return this.timestampKeyId;
      if (role === 'root' && t.newRootKey) return t.newRootKey.keyid;
      if (role === 'targets/releases') {
        const d = (
          docs.targets.signed as { delegations: { roles: { name: string; keyids: string[] }[] } }
        ).delegations.roles.find((r) => r.name === role)!;
        return d.keyids[0]!;
      }
      return (this.originals.root.signed as { roles: Record<string, { keyids: string[] }> }).roles[role]!
        .keyids[0]!;
    };
    const keyOf = (role: Role): KeyObject =>
      role === 'timestamp'
        ? this.timestampKey
        : role === 'root' && t.newRootKey
          ? t.newRootKey.key
          : this.keys[role];
    const bytes = {} as Record<Role, Uint8Array>;
    const finish = (role: Role) => {
      t.beforeSign?.[role]?.(docs[role]);
      docs[role].signatures = [signRaw(docs[role].signed, keyOf(role), keyIdOf(role))];
      t.afterSign?.[role]?.(docs[role]);
      bytes[role] = serialize(docs[role]);
    };
    finish('root');
    finish('targets/releases');
    finish('targets');
    const meta = (docs.snapshot.signed as { meta: Record<string, unknown> }).meta;
    for (const r of ['root', 'targets', 'targets/releases'] as const) meta[r] = fileMeta(bytes[r]);
    finish('snapshot');
    (docs.timestamp.signed as { meta: Record<string, unknown> }).meta.snapshot = fileMeta(bytes.snapshot);
    finish('timestamp');

    const files = new Map<string, Uint8Array>();
    const served = (role: Role) => t.serveInstead?.[role]?.(bytes[role]) ?? bytes[role];
    files.set('root.json', served('root'));
    files.set('timestamp.json', served('timestamp'));
    for (const r of ['root', 'snapshot', 'targets', 'targets/releases'] as const)
      files.set(`${r}.${sha256Hex(bytes[r])}.json`, served(r));
    return files;
  }
}

/** A plain-HTTP trust server on 127.0.0.1 serving whatever files the test sets, for any GUN. */
export async function startFileServer(): Promise<{
  url: string;
  set(files: Map<string, Uint8Array>): void;
  requests: string[];
  close(): Promise<void>;
}> {
  let files = new Map<string, Uint8Array>();
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const m = /^\/v2\/.+?\/_trust\/tuf\/(.+)$/.exec(req.url ?? '');
    const body = m ? files.get(decodeURIComponent(m[1]!)) : undefined;
    if (!body) {
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end('{"errors":[{"code":"METADATA_NOT_FOUND"}]}');
      return;
    }
    res
      .writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': body.length })
      .end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    set: (f) => (files = f),
    requests,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
