// Measurement 2 (SPA half): the 10,000-tag repository in Debian's Chromium (Playwright, never a
// downloaded browser). From the browser's own timeline: navigation start to the first tag rows in the
// DOM, and the frame times (requestAnimationFrame deltas, plus long-animation-frame entries) while the
// tag table is scrolled from its top to its last row.
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumHome } from '../../../e2e/support/chromium-home.ts';
import type { Stack } from '../../../e2e/stack/support/stack.ts';
import type { LargePlan, LargeRepository } from '../../../e2e/support/large-repository.ts';
import { ratio, type Figure, type Ratio } from '../report.ts';
import { median, percentile } from '../stats.ts';

/** Pixels scrolled per frame: a brisk, steady fling through the whole table. */
const SCROLL_STEP_PX = 400;

declare global {
  interface Window {
    __benchFirstRows?: number;
  }
}

/** Records (in the page, from navigation start) when the first data row of the tag table appears. */
function watchFirstRows() {
  const check = () => {
    if (window.__benchFirstRows !== undefined) return;
    if (document.querySelector('[role="table"] [role="row"][aria-rowindex="2"]'))
      window.__benchFirstRows = performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

async function signIn(page: Page, s: Stack, key: string) {
  const who = s.identities.find((i) => i.key === key)!;
  await page.goto(`${s.portal!.url}/registries`);
  await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: new RegExp(who.displayName) }).click();
  await page
    .getByRole('banner')
    .getByRole('button', { name: new RegExp(who.displayName) })
    .waitFor({ timeout: 60_000 });
}

/** Scrolls the element labelled `label` to its end, one step per frame; frame deltas and long frames. */
async function scrollToEnd(page: Page, label: string) {
  return page.evaluate(
    async ({ label, step }) => {
      const scroller = document.querySelector<HTMLElement>(`[aria-label="${label}"]`);
      if (!scroller) throw new Error(`no element labelled "${label}"`);
      const long: number[] = [];
      const observer = PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')
        ? new PerformanceObserver((list) => list.getEntries().forEach((e) => long.push(e.duration)))
        : undefined;
      observer?.observe({ type: 'long-animation-frame', buffered: false });
      const deltas: number[] = [];
      await new Promise<void>((resolve) => {
        let last = performance.now();
        const frame = (now: number) => {
          deltas.push(now - last);
          last = now;
          if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) return resolve();
          scroller.scrollTop += step;
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      });
      observer?.disconnect();
      return { deltas: deltas.slice(1), long, rows: document.querySelectorAll('[role="row"]').length };
    },
    { label, step: SCROLL_STEP_PX },
  );
}

export async function measureBrowser(
  s: Stack,
  large: LargeRepository,
  plan: LargePlan,
  rounds: number,
  dataDir: string,
  log: (line: string) => void,
): Promise<{ figures: Figure[]; ratios: Ratio[] }> {
  const browser: Browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-quic',
    ],
    env: { ...process.env, HOME: chromiumHome(dataDir) },
  });
  try {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1400, height: 900 } });
    await context.addInitScript(watchFirstRows);
    const first = await context.newPage();
    await signIn(first, s, 'owner');
    await first.close();
    const registryId = `/subscriptions/${s.arm.subscriptionId}/resourceGroups/registries-rg/providers/Microsoft.ContainerRegistry/registries/${large.registryName}`;
    const url = `${s.portal!.url}/resource${registryId}/repositories/${plan.repository}`;
    const total = plan.tags + plan.missing;
    const label = `${total} of ${total} tags shown`;
    const firstRows: number[] = [];
    const p95s: number[] = [];
    const longFrames: number[] = [];
    let frames = 0;
    for (let r = 0; r < rounds; r++) {
      const page = await context.newPage();
      await page.goto(url);
      await page.waitForFunction(() => window.__benchFirstRows !== undefined, undefined, {
        timeout: 120_000,
      });
      firstRows.push(await page.evaluate(() => window.__benchFirstRows!));
      await page.getByText(label).first().waitFor({ timeout: 300_000 });
      const scrolled = await scrollToEnd(page, label);
      await page.getByText(`t${String(plan.tags - 1).padStart(5, '0')}`, { exact: true }).waitFor();
      p95s.push(percentile(scrolled.deltas, 95));
      longFrames.push(...scrolled.long);
      frames += scrolled.deltas.length;
      log(
        `browser round ${r + 1}/${rounds}: first rows ${firstRows.at(-1)!.toFixed(0)} ms, scroll p95 ${p95s.at(-1)!.toFixed(1)} ms over ${scrolled.deltas.length} frames (${scrolled.rows} rows in the DOM)`,
      );
      await page.close();
    }
    const firstMs = median(firstRows);
    const p95 = median(p95s);
    return {
      figures: [
        {
          name: 'SPA: navigation to first tag rows visible (10,000 tags)',
          value: firstMs,
          unit: 'ms',
          note: "from the browser timeline (navigation start); the portal's BFF, after sign-in",
        },
        {
          name: 'SPA: scroll to the last row, frame time p95',
          value: p95,
          unit: 'ms',
          note: `${frames} frames over ${rounds} rounds, ${SCROLL_STEP_PX} px per frame`,
        },
        {
          name: 'SPA: long animation frames while scrolling (> 50 ms)',
          value: longFrames.length,
          unit: 'frames',
          note: longFrames.length ? `longest ${Math.max(...longFrames).toFixed(0)} ms` : '',
        },
      ],
      ratios: [
        ratio('SPA: first rows visible (s)', firstMs / 1000, { op: '<=', bound: 1.5 }),
        ratio('SPA: scroll frame p95 (ms)', p95, { op: '<', bound: 50 }),
      ],
    };
  } finally {
    await browser.close();
  }
}
