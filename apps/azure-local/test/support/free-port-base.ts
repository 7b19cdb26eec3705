import net from 'node:net';

/**
 * A random port base in 20000–32000 whose ports base … base+count-1 are free now (a stack takes fixed
 * offsets from its base, so one free port from `listen(0)` is not enough). The range stays below Linux's
 * ephemeral ports (32768+), which other suites get from `listen(0)` at the same time: a range probed free
 * here could otherwise be handed out to them before this stack binds it.
 */
export async function freePortBase(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20000 + Math.floor(Math.random() * 1150) * 10;
    let free = true;
    for (let port = base; port < base + count && free; port++) free = await portFree(port);
    if (free) return base;
  }
  throw new Error(`no ${count} consecutive free ports found in 20000–32000`);
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
