// Measurement 2 (SPA half): the 10,000-tag repository in Debian's Chromium (Playwright, never a
// downloaded browser). From the browser's own timeline: navigation start to the first tag rows in the
// DOM, and the frame times (requestAnimationFrame deltas, plus long-animation-frame entries) while the
// tag table is scrolled from its top to its last row.
import os from 'node:os';
import path from 'node:path';
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
    __benchTagStream?: { requested: number; answered?: number };
  }
}

// In-page code is kept as plain JavaScript text: tsx compiles functions with name helpers (`__name`)
// that do not exist in the page, so a compiled function cannot be handed to the browser.

/**
 * Records (in the page, from navigation start) when the first data row of the tag table appears, and
 * when the tag stream was asked for and answered (its headers). The stream's resource-timing entry
 * exists only once the whole stream has been read — long after the first rows — so the SPA's fetch is
 * timed where it is called.
 */
const WATCH_FIRST_ROWS = `(() => {
  performance.setResourceTimingBufferSize(10000);
  const check = () => {
    if (window.__benchFirstRows !== undefined) return;
    if (document.querySelector('[role="table"] [role="row"][aria-rowindex="2"]')) window.__benchFirstRows = performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
  const fetch = window.fetch;
  window.fetch = function (input, init) {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const answer = fetch.call(window, input, init);
    if (url.includes('/repositories/tags') && window.__benchTagStream === undefined) {
      const timing = { requested: performance.now() };
      window.__benchTagStream = timing;
      answer.then(() => { timing.answered = performance.now(); }, () => {});
    }
    return answer;
  };
})();`;

/** Scrolls the element labelled \`label\` to its end, one step per frame: rAF deltas and long animation frames. */
const SCROLL_TO_END = `async ({ label, step }) => {
  const scroller = document.querySelector('[aria-label="' + label + '"]');
  if (!scroller) throw new Error('no element labelled ' + label);
  const long = [];
  const observer = PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')
    ? new PerformanceObserver((list) =>
        list.getEntries().forEach((e) => {
          // Where a long frame went: scripts (by function), then style and layout up to its end.
          const scripts = (e.scripts ?? []).map((x) => ({ what: (x.sourceFunctionName || x.invoker || '?') + ' ' + (x.sourceURL || '').split('/').pop(), ms: x.duration }));
          const layout = e.styleAndLayoutStart ? e.startTime + e.duration - e.styleAndLayoutStart : 0;
          long.push({ ms: e.duration, layout, scripts });
        }),
      )
    : undefined;
  observer?.observe({ type: 'long-animation-frame', buffered: false });
  const deltas = [];
  await new Promise((resolve) => {
    let last = performance.now();
    const frame = (now) => {
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
}`;

interface LongFrame {
  ms: number;
  layout: number;
  scripts: Array<{ what: string; ms: number }>;
}

interface Scrolled {
  deltas: number[];
  long: LongFrame[];
  rows: number;
}

/** What the long frames spent their time on: style and layout vs scripts, and the costliest scripts. */
function describeLongFrames(frames: LongFrame[]): string {
  if (frames.length === 0) return 'no long animation frames';
  const total = frames.reduce((x, f) => x + f.ms, 0);
  const layout = frames.reduce((x, f) => x + f.layout, 0);
  const byScript = new Map<string, number>();
  for (const f of frames) for (const x of f.scripts) byScript.set(x.what, (byScript.get(x.what) ?? 0) + x.ms);
  const scripts = [...byScript.values()].reduce((x, y) => x + y, 0);
  const top = [...byScript]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([what, ms]) => `${what.trim()} ${ms.toFixed(0)} ms`)
    .join(', ');
  return `${frames.length} long frames, ${total.toFixed(0)} ms in all: scripts ${scripts.toFixed(0)} ms (${top || 'unattributed'}), style and layout ${layout.toFixed(0)} ms`;
}

/** From the page's timeline: the document ready, the page's code loaded, the tag stream asked for and answered. */
const TIMING = `(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const page = performance.getEntriesByType('resource').find((e) => /\\/RepositoryPage-[^/]*\\.js$/.test(e.name));
  const stream = window.__benchTagStream;
  return {
    domReady: nav ? nav.domContentLoadedEventEnd : NaN,
    pageCode: page ? page.responseEnd : NaN,
    tagsStart: stream ? stream.requested : NaN,
    tagsAnswered: stream && stream.answered !== undefined ? stream.answered : NaN,
  };
})()`;

interface Timing {
  domReady: number;
  pageCode: number;
  tagsStart: number;
  tagsAnswered: number;
}

const at = (ms: number) => (Number.isFinite(ms) ? `${ms.toFixed(0)} ms` : 'not seen');

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

async function scrollToEnd(page: Page, label: string): Promise<Scrolled> {
  return (await page.evaluate(
    `(${SCROLL_TO_END})(${JSON.stringify({ label, step: SCROLL_STEP_PX })})`,
  )) as Scrolled;
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
    await context.addInitScript({ content: WATCH_FIRST_ROWS });
    // One tab throughout: MSAL keeps the session in sessionStorage, which is per tab.
    const page = await context.newPage();
    await signIn(page, s, 'owner');
    const registryId = `/subscriptions/${s.arm.subscriptionId}/resourceGroups/registries-rg/providers/Microsoft.ContainerRegistry/registries/${large.registryName}`;
    const url = `${s.portal!.url}/resource${registryId}/repositories/${plan.repository}`;
    const total = plan.tags + plan.missing;
    const label = `${total} of ${total} tags shown`;
    const firstRows: number[] = [];
    const p95s: number[] = [];
    const longFrames: LongFrame[] = [];
    const timings: Timing[] = [];
    let frames = 0;
    let rowsInDom = 0;
    for (let r = 0; r < rounds; r++) {
      await page.goto(url);
      await page
        .waitForFunction(() => window.__benchFirstRows !== undefined, undefined, { timeout: 120_000 })
        .catch(async (error: unknown) => {
          const shot = path.join(dataDir, 'logs', 'bench-browser.png');
          await page.screenshot({ path: shot });
          throw new Error(`no tag rows at ${page.url()} (screenshot ${shot})`, { cause: error });
        });
      firstRows.push((await page.evaluate('window.__benchFirstRows')) as number);
      timings.push((await page.evaluate(TIMING)) as (typeof timings)[number]);
      await page.getByText(label).first().waitFor({ timeout: 300_000 });
      const scrolled = await scrollToEnd(page, label);
      await page.getByText(`t${String(plan.tags - 1).padStart(5, '0')}`, { exact: true }).waitFor();
      p95s.push(percentile(scrolled.deltas, 95));
      longFrames.push(...scrolled.long);
      rowsInDom = scrolled.rows;
      frames += scrolled.deltas.length;
      const t = timings.at(-1)!;
      log(
        `browser round ${r + 1}/${rounds}: first rows ${firstRows.at(-1)!.toFixed(0)} ms (page code ${at(t.pageCode)}, tag stream asked ${at(t.tagsStart)}, answered ${at(t.tagsAnswered)}), scroll p95 ${p95s.at(-1)!.toFixed(1)} ms over ${scrolled.deltas.length} frames (${scrolled.rows} rows in the DOM)`,
      );
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
          note: longFrames.length ? `longest ${Math.max(...longFrames.map((f) => f.ms)).toFixed(0)} ms` : '',
        },
      ],
      ratios: [
        ratio('SPA: first rows visible (s)', firstMs / 1000, { op: '<=', bound: 1.5 }, () => {
          const t = timings[Math.floor(timings.length / 2)]!;
          return (
            `document ready at ${at(t.domReady)}, the repository page's code loaded at ${at(t.pageCode)}, ` +
            `the tag stream asked for at ${at(t.tagsStart)} and answered (its first page, after the BFF verified ` +
            `the trust data and listed the first 500 tags) at ${at(t.tagsAnswered)}, rows at ${firstMs.toFixed(0)} ms; ` +
            `load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`
          );
        }),
        ratio(
          'SPA: scroll frame p95 (ms)',
          p95,
          { op: '<', bound: 50 },
          () =>
            `${describeLongFrames(longFrames)}; ${rowsInDom} rows in the DOM (virtualised); load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`,
        ),
      ],
    };
  } finally {
    await browser.close();
  }
}
