// ACR's /acr/v1 API exists in no local binary, so this minimal stand-in (documented response shapes of
// Azure/acr: `_catalog` {repositories}, `<repo>/_tags` {registry, imageName, tags:[{name, digest, …}]},
// Link paging with n/last) answers it, taking all data from the real docker-registry it fronts.
// Every other request is proxied to that registry unchanged. tags/list is also paged here, as ACR does.
// Each request's path is logged, so a test can tell which API a client used.
import { createServer, type Server } from 'node:http';
import { freePort } from './processes.ts';

export async function startAcrStandIn(
  registryUrl: string,
): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const port = await freePort();
  const requests: string[] = [];
  const url = `http://127.0.0.1:${port}`;
  const page = (all: string[], params: URLSearchParams) => {
    const n = Number(params.get('n') ?? 100);
    const last = params.get('last');
    const start = last ? all.findIndex((x) => x > last) : 0;
    const items = start < 0 ? [] : all.slice(start, start + n);
    const more = start >= 0 && start + n < all.length;
    return { items, next: more ? items[items.length - 1] : undefined };
  };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const u = new URL(req.url ?? '/', url);
      requests.push(`${req.method ?? 'GET'} ${u.pathname}`);
      const acrTags = /^\/acr\/v1\/(.+)\/_tags$/.exec(u.pathname);
      const tagsList = /^\/v2\/(.+)\/tags\/list$/.exec(u.pathname);
      if (u.pathname === '/acr/v1/_catalog') {
        const body = (await (await fetch(`${registryUrl}/v2/_catalog`)).json()) as { repositories: string[] };
        return res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ repositories: body.repositories }));
      }
      if (acrTags || tagsList) {
        const repo = (acrTags ?? tagsList)![1]!;
        const listed = await fetch(`${registryUrl}/v2/${repo}/tags/list`);
        if (listed.status === 404) return res.writeHead(404).end();
        const all = (((await listed.json()) as { tags: string[] | null }).tags ?? []).sort();
        const { items, next } = page(all, u.searchParams);
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (next)
          headers.link = `<${u.pathname}?n=${u.searchParams.get('n') ?? 100}&last=${encodeURIComponent(next)}>; rel="next"`;
        if (tagsList) return res.writeHead(200, headers).end(JSON.stringify({ name: repo, tags: items }));
        const tags = await Promise.all(
          items.map(async (name) => {
            const head = await fetch(`${registryUrl}/v2/${repo}/manifests/${name}`, {
              method: 'HEAD',
              headers: {
                accept:
                  'application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json',
              },
            });
            return { name, digest: head.headers.get('docker-content-digest'), signed: false };
          }),
        );
        return res.writeHead(200, headers).end(JSON.stringify({ registry: u.host, imageName: repo, tags }));
      }
      const upstream = await fetch(`${registryUrl}${u.pathname}${u.search}`, {
        method: req.method ?? 'GET',
        headers: { accept: req.headers.accept ?? '*/*' },
      });
      const headers: Record<string, string> = {};
      upstream.headers.forEach((v, k) => (headers[k] = v));
      res.writeHead(upstream.status, headers).end(Buffer.from(await upstream.arrayBuffer()));
    })();
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return { url, requests, close: () => new Promise((r) => server.close(() => r())) };
}
