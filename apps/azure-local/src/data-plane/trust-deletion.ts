import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

const journalSchema = z.object({
  registry: z.string(),
  startedAt: z.string(),
  guns: z.array(z.string()),
  done: z.array(z.string()),
});
type Journal = z.infer<typeof journalSchema>;

export interface TrustDeletionDeps {
  registry: string;
  journalFile: string;
  /** GUNs of every repository the registry serves (from its catalog). */
  repositoryGuns: () => Promise<string[]>;
  /** GUNs that currently hold trust data (from notary-server's store). */
  gunsWithTrustData: () => Promise<string[]>;
  /** notary-server's delete of all TUF data of one GUN; idempotent. */
  deleteGun: (gun: string) => Promise<void>;
}

/** True while a deletion is unfinished: the login server then serves no trust data for the registry. */
export function trustDeletionPending(journalFile: string): boolean {
  return existsSync(journalFile);
}

/**
 * Deletes the trust data of every GUN of a registry. A journal under the data folder records the GUN
 * list and each GUN done, so a run interrupted midway is finished by the next run; the journal is
 * removed only once the store holds no trust data for the registry.
 */
export async function deleteAllTrustData(
  deps: TrustDeletionDeps,
  onProgress?: (progress: { done: number; total: number; gun?: string }) => void,
): Promise<{ gunsDeleted: number }> {
  let journal: Journal;
  if (existsSync(deps.journalFile)) {
    journal = journalSchema.parse(JSON.parse(await readFile(deps.journalFile, 'utf8')));
  } else {
    journal = { registry: deps.registry, startedAt: new Date().toISOString(), guns: [], done: [] };
  }
  for (let round = 0; round < 3; round++) {
    const found = [...(await deps.repositoryGuns()), ...(await deps.gunsWithTrustData())];
    journal.guns = [...new Set([...journal.guns, ...found])].sort();
    await saveJournal(deps.journalFile, journal);
    // How much there is, before the first GUN is done (which can take a while on a large registry).
    onProgress?.({ done: journal.done.length, total: journal.guns.length });
    for (const gun of journal.guns) {
      if (journal.done.includes(gun)) continue;
      await deps.deleteGun(gun);
      journal.done.push(gun);
      await saveJournal(deps.journalFile, journal);
      onProgress?.({ done: journal.done.length, total: journal.guns.length, gun });
    }
    const left = await deps.gunsWithTrustData();
    if (left.length === 0) {
      await rm(deps.journalFile, { force: true });
      onProgress?.({ done: journal.guns.length, total: journal.guns.length });
      return { gunsDeleted: journal.done.length };
    }
    // Trust data appeared meanwhile (a publish raced the deletion): delete those GUNs again.
    journal.done = journal.done.filter((gun) => !left.includes(gun));
  }
  throw new Error(
    `trust data of registry ${deps.registry} kept reappearing; run the deletion again (journal: ${deps.journalFile})`,
  );
}

async function saveJournal(file: string, journal: Journal): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(`${file}.tmp`, JSON.stringify(journal, null, 2));
  await rename(`${file}.tmp`, file);
}
