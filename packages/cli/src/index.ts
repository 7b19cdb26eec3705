export { main, EXIT, type Io } from './main.ts';
export { runInspect, dockerError } from './inspect.ts';
export { runResolve } from './resolve.ts';
export { parseImageRef, familiarName, defaultTrustServer, type ImageRef } from './image-ref.ts';
export { goJsonIndent } from './go-json.ts';
export { prettyInspect } from './pretty.ts';
export { fetchWithCa } from './tls-fetch.ts';
export { resolveCredentials } from './credentials.ts';
