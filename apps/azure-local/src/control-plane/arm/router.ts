import type { ArmContext } from './context.ts';

export type Params = Record<string, string | undefined>;
export type Handler = (c: ArmContext, params: Params) => Response | Promise<Response>;

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
}

/**
 * ARM paths are case-insensitive in their literal parts (`resourceGroups` / `resourcegroups`) and keep
 * the case of names; Hono's router is case-sensitive, so ARM routes go through this small matcher.
 */
export class Router {
  private readonly routes: Route[] = [];

  private add(method: string, pattern: string, handler: Handler): void {
    this.routes.push({ method, segments: pattern.split('/').filter(Boolean), handler });
  }

  get(pattern: string, handler: Handler): void {
    this.add('GET', pattern, handler);
  }
  put(pattern: string, handler: Handler): void {
    this.add('PUT', pattern, handler);
  }
  patch(pattern: string, handler: Handler): void {
    this.add('PATCH', pattern, handler);
  }
  post(pattern: string, handler: Handler): void {
    this.add('POST', pattern, handler);
  }
  delete(pattern: string, handler: Handler): void {
    this.add('DELETE', pattern, handler);
  }

  match(
    method: string,
    segments: string[],
  ): { handler: Handler; params: Params } | 'method-not-allowed' | undefined {
    let pathMatched = false;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, segments);
      if (!params) continue;
      pathMatched = true;
      if (route.method === method) return { handler: route.handler, params };
    }
    return pathMatched ? 'method-not-allowed' : undefined;
  }
}

function matchSegments(pattern: string[], actual: string[]): Params | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Params = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    const a = actual[i]!;
    if (p.startsWith('{') && p.endsWith('}')) params[p.slice(1, -1)] = a;
    else if (p.toLowerCase() !== a.toLowerCase()) return undefined;
  }
  return params;
}

/** Splits a request path into decoded segments; `//` (arm-authorization's leading-slash quirk) collapses. */
export function pathSegments(path: string): string[] {
  return path
    .split('/')
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}
