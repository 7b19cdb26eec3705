// Small statistics of repeated timings: medians of alternated rounds, percentiles of frame times.

/** The median (upper middle for an even count) of a non-empty list. */
export function median(values: number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The p-th percentile (0–100) by the nearest-rank method. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** Milliseconds `fn` took, and its result. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/** A run spoiled by something outside the contender (a server crashed): it is run once more. */
export class RoundSpoiled extends Error {
  override name = 'RoundSpoiled';
}

/**
 * Runs every contender once per round, in a rotating order (round r starts with contender r), so
 * machine noise from the other engineers' tests falls on all of them alike. Returns the times per name;
 * a run that throws RoundSpoiled is repeated once and reported through `spoiled`.
 */
export async function alternate(
  rounds: number,
  contenders: Array<{ name: string; run: () => Promise<number> }>,
  log: (line: string) => void = () => {},
  spoiled: (what: string) => void = () => {},
): Promise<Record<string, number[]>> {
  const times: Record<string, number[]> = Object.fromEntries(contenders.map((c) => [c.name, []]));
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < contenders.length; i++) {
      const c = contenders[(i + r) % contenders.length]!;
      let ms: number;
      try {
        ms = await c.run();
      } catch (error) {
        if (!(error instanceof RoundSpoiled)) throw error;
        const what = `round ${r + 1} of ${c.name} repeated: ${error.message}`;
        log(what);
        spoiled(what);
        ms = await c.run();
      }
      times[c.name]!.push(ms);
      log(`round ${r + 1}/${rounds} ${c.name}: ${ms.toFixed(0)} ms`);
    }
  }
  return times;
}
