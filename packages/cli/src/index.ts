export { main } from './main.ts';
export { runInspect, dockerError, type Io } from './inspect.ts';
export { parseImageRef, defaultTrustServer, type ImageRef } from './image-ref.ts';
export { goJsonIndent } from './go-json.ts';
export { prettyInspect } from './pretty.ts';
export { fetchWithCa } from './tls-fetch.ts';
export { resolveCredentials } from './credentials.ts';
