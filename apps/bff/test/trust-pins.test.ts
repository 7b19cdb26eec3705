// Which pins a registry's scans see: per registry generation, forgotten when content trust is disabled.
// (That a forgotten pin lets a new root verify, and a kept one refuses it, is proven against a real
// notary-server in packages/notary/test/trust-reset.test.ts and end to end in the acceptance suite.)
import { describe, expect, it } from 'vitest';
import { createTrustCache, type SeenState } from '@ctp/notary';
import { forgetRegistryPins, trustCacheFor } from '../src/services/trust-pins.ts';

const pinned: SeenState = {
  versions: { root: 1 },
  root: { version: 1, sha256: 'aa', keys: {}, threshold: 1 },
};
const gun = 'ctpdemo.azurecr.io/team/web';
const registry = {
  loginServer: 'ctpdemo.azurecr.io',
  contentTrust: 'enabled' as const,
  createdAt: '2026-01-01T00:00:00.000Z',
};

describe('trust pins of a registry', () => {
  it('are kept across scans of the same registry', async () => {
    const shared = createTrustCache();
    await (await trustCacheFor(shared, registry)).seen.set(gun, pinned);
    expect(await (await trustCacheFor(shared, registry)).seen.get(gun)).toEqual(pinned);
  });

  it('do not apply to a registry created again under the same name (same login server)', async () => {
    const shared = createTrustCache();
    await (await trustCacheFor(shared, registry)).seen.set(gun, pinned);
    const recreated = { ...registry, createdAt: '2026-06-01T00:00:00.000Z' };
    expect(await (await trustCacheFor(shared, recreated)).seen.get(gun)).toBeUndefined();
  });

  it('are forgotten by a scan while content trust is disabled, which pins nothing itself', async () => {
    const shared = createTrustCache();
    await (await trustCacheFor(shared, registry)).seen.set(gun, pinned);
    const whileDisabled = await trustCacheFor(shared, { ...registry, contentTrust: 'disabled' });
    await whileDisabled.seen.set(gun, pinned); // e.g. a scan during the deletion
    expect(await (await trustCacheFor(shared, registry)).seen.get(gun)).toBeUndefined();
  });

  it('forgetRegistryPins forgets that registry only, views included', async () => {
    const shared = createTrustCache();
    const other = { ...registry, loginServer: 'ctpdemo2.azurecr.io' };
    const mine = await trustCacheFor(shared, registry);
    await mine.seen.set(gun, pinned);
    mine.views.set(gun, { view: {} as never, seen: pinned });
    await (await trustCacheFor(shared, other)).seen.set('ctpdemo2.azurecr.io/team/web', pinned);

    await forgetRegistryPins(shared, registry);
    const after = await trustCacheFor(shared, registry);
    expect(await after.seen.get(gun)).toBeUndefined();
    expect(after.views.get(gun)).toBeUndefined();
    expect(await (await trustCacheFor(shared, other)).seen.get('ctpdemo2.azurecr.io/team/web')).toEqual(
      pinned,
    );
  });
});
