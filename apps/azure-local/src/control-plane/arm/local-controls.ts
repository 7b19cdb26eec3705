import { z } from 'zod';
import { SUBSCRIPTION_ID } from '../constants.ts';
import { readJson } from './body.ts';
import { authorize, type ArmContext, type ArmServices } from './context.ts';
import { ArmError, armErrors } from './errors.ts';
import type { Outage } from './outage.ts';
import type { Router } from './router.ts';
import type { TrustServerFaultSetting } from './trust-server-faults.ts';

const bucketSchema = z.object({ capacity: z.number().int().min(0), refillPerSecond: z.number().min(0) });
const outageSchema = z.object({
  enabled: z.boolean(),
  retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
});
const throttleSchema = z.object({
  enabled: z.boolean(),
  reads: bucketSchema.optional(),
  writes: bucketSchema.optional(),
  deletes: bucketSchema.optional(),
});

/** A TUF role as Notary names its files: a base role or a delegation under `targets/`. */
const ROLE = /^(root|snapshot|timestamp|targets(\/[A-Za-z0-9_.-]{1,255}){0,10})$/;

const trustFaultOn = z
  .object({
    enabled: z.literal(true),
    /** The registry by name, or by its login server (`localhost:<port>`). */
    registry: z.string().min(1).max(50).optional(),
    loginServer: z.string().min(1).max(255).optional(),
    /** The GUN by repository name, or in full (`<login server>/<repository>`). */
    repository: z.string().min(1).max(256).optional(),
    gun: z.string().min(1).max(512).optional(),
    file: z.string().regex(ROLE, 'file must be a role: root, snapshot, timestamp, targets or targets/<name>'),
    mode: z.enum(['truncate', 'stall', 'replace']),
    /** For `replace`: the bytes to serve, base64. */
    body: z.base64().optional(),
    remaining: z.number().int().min(1).max(1_000_000).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const exactlyOne = (a: unknown, b: unknown, names: string) => {
      if ((a === undefined) === (b === undefined))
        ctx.addIssue({ code: 'custom', message: `give exactly one of ${names}`, path: [] });
    };
    exactlyOne(v.registry, v.loginServer, 'registry and loginServer');
    exactlyOne(v.repository, v.gun, 'repository and gun');
    if ((v.mode === 'replace') !== (v.body !== undefined))
      ctx.addIssue({ code: 'custom', message: 'body (base64) goes with mode replace only', path: ['body'] });
  });
const trustFaultSchema = z.discriminatedUnion('enabled', [
  z.object({ enabled: z.literal(false) }).strict(),
  trustFaultOn,
]);

/** Emulator-only controls under `/_azure-local/`: an ARM token with Owner-level rights on the subscription. */
export function localControlRoutes(router: Router, services: ArmServices, outage: Outage): void {
  const owner = (c: ArmContext) =>
    authorize(
      c,
      services,
      'Microsoft.Authorization/elevateAccess/Action',
      `/subscriptions/${SUBSCRIPTION_ID}`,
    );
  const defined = <T extends object>(body: T) =>
    Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) as Partial<T>;

  router.put('/_azure-local/throttling', async (c) => {
    owner(c);
    return c.json(services.throttle.configure(defined(await readJson(c, throttleSchema))));
  });
  router.put('/_azure-local/outage', async (c) => {
    owner(c);
    return c.json(outage.configure(defined(await readJson(c, outageSchema))));
  });
  router.post('/_azure-local/identity/rotateSigningKey', async (c) => {
    owner(c);
    return c.json({ kid: await services.rotateSigningKey() });
  });
  router.put('/_azure-local/faults/trust-server', async (c) => {
    owner(c);
    const body = await readJson(c, trustFaultSchema);
    return c.json(
      services.trustServerFaults.configure(body.enabled ? trustFaultSetting(services, body) : body),
    );
  });
  router.get('/_azure-local/faults/trust-server', (c) => {
    owner(c);
    return c.json(services.trustServerFaults.state());
  });
}

function trustFaultSetting(
  services: ArmServices,
  body: z.infer<typeof trustFaultOn>,
): TrustServerFaultSetting {
  const records = services.registries.list().map((r) => services.registries.toRecord(r));
  const record = records.find((r) =>
    body.registry !== undefined
      ? r.name.toLowerCase() === body.registry.toLowerCase()
      : r.loginServer.toLowerCase() === body.loginServer!.toLowerCase(),
  );
  if (!record) {
    throw new ArmError(
      404,
      'ResourceNotFound',
      `No registry of the local stack is ${body.registry !== undefined ? `named '${body.registry}'` : `served at '${body.loginServer}'`}.`,
    );
  }
  const gun = body.gun ?? `${record.loginServer}/${body.repository}`;
  if (!gun.startsWith(`${record.loginServer}/`))
    throw armErrors.invalidContent(`the GUN must start with '${record.loginServer}/'`, 'gun');
  return {
    enabled: true,
    loginServer: record.loginServer,
    gun,
    file: body.file,
    fault:
      body.mode === 'replace'
        ? { mode: 'replace', body: Buffer.from(body.body ?? '', 'base64') }
        : { mode: body.mode },
    ...(body.remaining !== undefined ? { remaining: body.remaining } : {}),
  };
}
