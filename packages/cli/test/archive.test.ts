// `content-trust inspect --archive`: an export of real notary-server trust data (recorded while the
// verifier read it, zipped with the portal's manifest format) prints what inspect prints live; a
// tampered or incomplete archive is refused with the file named.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import type { TrustExportManifest } from '@ctp/contracts';
import { createNotaryApi, recordingSource, SignatureMemo, verifyChain } from '@ctp/notary';
import { providedFixture } from '../../notary/test/support/fixture.ts';
import { contentTrust } from './docker.ts';

const fx = providedFixture();
const dir = mkdtempSync(path.join(tmpdir(), 'ctp-cli-archive-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An export as the portal writes it, of the given GUNs; `edit` may alter file bytes or the manifest. */
async function exportOf(
  guns: string[],
  name: string,
  edit: (entries: Zippable, manifest: TrustExportManifest) => void = () => {},
): Promise<string> {
  const entries: Zippable = {};
  const manifest: TrustExportManifest = {
    format: 'ctp-trust-export/1',
    registryId: '/subscriptions/x/resourceGroups/y/providers/Microsoft.ContainerRegistry/registries/fixture',
    loginServer: fx.hostPort,
    exportedAt: new Date().toISOString(),
    guns: [],
    files: [],
  };
  for (const gun of guns) {
    const source = recordingSource(createNotaryApi({ serverUrl: fx.url, fetch: fx.fetch }).source(gun));
    const { result } = await verifyChain(gun, source, { now: new Date(), memo: new SignatureMemo() });
    manifest.guns.push({ gun, result: result.kind });
    for (const f of source.files()) {
      const file = `trust/${gun.slice(fx.hostPort.length + 1)}/${f.role}.${f.sha256}.json`;
      entries[file] = f.bytes;
      manifest.files.push({
        gun,
        role: f.role,
        version: f.version,
        sha256: f.sha256,
        length: f.length,
        current: f.current,
        path: file,
      });
    }
  }
  edit(entries, manifest);
  entries['manifest.json'] = strToU8(JSON.stringify(manifest));
  const file = path.join(dir, `${name}.zip`);
  writeFileSync(file, zipSync(entries));
  return file;
}

const live = (args: string[]) => contentTrust(['inspect', '--server', fx.url, '--ca', fx.caCert, ...args]);

describe('content-trust inspect --archive', () => {
  it('prints for the archive exactly what inspect prints live (JSON and --pretty)', async () => {
    const guns = [fx.gun.base, fx.gun['two-signers'], fx.gun.releases];
    const file = await exportOf(guns, 'three');
    const fromLive = await live(guns);
    const fromArchive = await contentTrust(['inspect', '--archive', file, ...guns]);
    expect(fromLive.code).toBe(0);
    expect(JSON.parse(fromLive.stdout)).toHaveLength(3);
    expect(fromArchive).toEqual(fromLive);
    const prettyLive = await live(['--pretty', `${fx.gun['two-signers']}:v2`]);
    const prettyArchive = await contentTrust([
      'inspect',
      '--archive',
      file,
      '--pretty',
      `${fx.gun['two-signers']}:v2`,
    ]);
    expect(prettyArchive).toEqual(prettyLive);
  });

  it('a GUN the archive does not hold has no signatures, as live for one without trust data', async () => {
    const file = await exportOf([fx.gun.base], 'one');
    const answer = await contentTrust(['inspect', '--archive', file, fx.gun['two-signers']]);
    expect(answer.code).toBe(1);
    expect(answer.stdout).toBe('[]\n');
    expect(answer.stderr).toBe(`no signatures or cannot access ${fx.gun['two-signers']}\n`);
  });

  it('refuses a file whose bytes differ from the manifest, naming it', async () => {
    let tampered = '';
    const file = await exportOf([fx.gun.base], 'tampered', (entries, manifest) => {
      tampered = manifest.files.find((f) => f.role === 'targets')!.path;
      const bytes = entries[tampered] as Uint8Array;
      entries[tampered] = strToU8(new TextDecoder().decode(bytes).replace('"version"', '"version" '));
    });
    const answer = await contentTrust(['inspect', '--archive', file, fx.gun.base]);
    expect(answer.code).toBe(1);
    expect(answer.stderr).toBe(`${file}: ${tampered} does not match the manifest's sha256 and length\n`);
  });

  it('refuses --archive with --status, and a file that is not an archive', async () => {
    const both = await contentTrust(['inspect', '--archive', 'x.zip', '--status', fx.gun.base]);
    expect(both.code).toBe(2); // a usage error
    expect(both.stderr).toContain('--archive cannot be combined with --status');
    const notZip = path.join(dir, 'not.zip');
    writeFileSync(notZip, 'hello');
    const answer = await contentTrust(['inspect', '--archive', notZip, fx.gun.base]);
    expect(answer.code).toBe(1);
    expect(answer.stderr).toContain(`${notZip}: not a readable trust-data archive`);
  });
});
