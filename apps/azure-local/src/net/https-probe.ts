import https from 'node:https';
import { readFileSync } from 'node:fs';

/** GET an HTTPS URL trusting `caFile`; true on any 2xx. Used as a health check by the supervisor. */
export function httpsOk(url: string, caFile: string): Promise<boolean> {
  const ca = readFileSync(caFile);
  return new Promise((resolve) => {
    const request = https.get(url, { ca, timeout: 2000 }, (response) => {
      response.resume();
      resolve((response.statusCode ?? 500) < 300);
    });
    request.on('error', () => resolve(false));
    request.on('timeout', () => request.destroy());
  });
}
