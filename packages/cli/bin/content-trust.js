#!/usr/bin/env node
// Runs the bundled CLI (dist/, built by `node build.mjs` or bootstrap). In this workspace it is rebuilt
// first when missing or older than a source, so `pnpm exec content-trust` never runs stale code.
import { existsSync } from 'node:fs';

const build = new URL('../build.mjs', import.meta.url);
if (existsSync(build)) {
  const { isStale, build: rebuild } = await import(build.href);
  if (isStale()) await rebuild();
}
await import('../dist/content-trust.js');
