// The fixture's `releases` repository as the trust server serves it, and a TamperKit holding the keys
// that signed it: the starting point of every test that re-signs modified copies of real trust data.
import type { providedFixture } from './fixture.ts';
import { readPkcs8 } from './repositories.ts';
import type { Envelope } from './signing.ts';
import { ROLES, TamperKit, type Role } from './tamper-kit.ts';

export async function releasesTamperKit(
  fx: ReturnType<typeof providedFixture>,
): Promise<{ originals: Record<Role, Envelope>; kit: TamperKit }> {
  const gun = fx.gun.releases;
  const originals = {} as Record<Role, Envelope>;
  for (const r of ROLES) {
    const res = await fx.fetch(`${fx.url}/v2/${gun}/_trust/tuf/${r}.json`);
    if (!res.ok) throw new Error(`${gun} ${r}.json: ${res.status}`);
    originals[r] = (await res.json()) as Envelope;
  }
  const cli = await fx.cli('releases');
  const kit = await TamperKit.create(originals, {
    root: await cli.privateKey(gun, 'root'),
    targets: await cli.privateKey(gun, 'targets'),
    snapshot: await cli.privateKey(gun, 'snapshot'),
    'targets/releases': await readPkcs8(fx.keys.releaser!),
  });
  return { originals, kit };
}
