// Registry digests expire together for everyone scanning a repository: the scans running then share one
// listing. The registry here is a stand-in that counts and holds its listings (what is tested is the
// sharing inside this process, not the registry; the stack suites list a real one).
import { describe, expect, it } from 'vitest';
import type { RegistryClient, TagDigest } from '@ctp/registry';
import { memoryScanCache, registryDigests, type RepositoryScanContext } from '../src/index.ts';

function countingRegistry() {
  const calls: Array<(tags: TagDigest[]) => void> = [];
  const fail: Array<(error: Error) => void> = [];
  const registry = {
    listTagDigests: () =>
      new Promise<TagDigest[]>((resolve, reject) => {
        calls.push(resolve);
        fail.push(reject);
      }),
  } as unknown as RegistryClient;
  return { registry, calls, fail };
}

const TAGS: TagDigest[] = [{ tag: 'v1', digest: `sha256:${'a'.repeat(64)}` }];

describe('registryDigests', () => {
  it('lists once for every scan that asks while the listing is under way, then serves the cache', async () => {
    const { registry, calls } = countingRegistry();
    const ctx = { loginServer: 'reg.example', registry, cache: memoryScanCache() } as RepositoryScanContext;
    const waiting = Array.from({ length: 50 }, () => registryDigests(ctx, 'team/app', 'ts1'));
    await new Promise((r) => setTimeout(r, 10));
    expect(calls).toHaveLength(1);
    calls[0]!(TAGS);
    expect(await Promise.all(waiting)).toEqual(waiting.map(() => TAGS));
    expect(await registryDigests(ctx, 'team/app', 'ts1')).toEqual(TAGS);
    expect(calls).toHaveLength(1);
    // Other trust data (a new timestamp) is another key: listed again.
    void registryDigests(ctx, 'team/app', 'ts2');
    await new Promise((r) => setTimeout(r, 10));
    expect(calls).toHaveLength(2);
  });

  it('a waiter whose shared listing failed lists for itself', async () => {
    const { registry, calls, fail } = countingRegistry();
    const ctx = { loginServer: 'reg.example', registry, cache: memoryScanCache() } as RepositoryScanContext;
    const first = registryDigests(ctx, 'team/app', 'ts1');
    const second = registryDigests(ctx, 'team/app', 'ts1');
    await new Promise((r) => setTimeout(r, 10));
    fail[0]!(new Error('the first caller went away'));
    await expect(first).rejects.toThrow('went away');
    await new Promise((r) => setTimeout(r, 10));
    expect(calls).toHaveLength(2);
    calls[1]!(TAGS);
    expect(await second).toEqual(TAGS);
  });
});
