import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { TrustServerFault } from '../../ports.ts';
import { collectResponse } from '../upstream.ts';

/**
 * Answers a trust-server 200 with the fault ARM's switch asked for (emulator-only, for reliability
 * tests). `headers` are the upstream's, already without hop-by-hop ones. The file is small (a TUF role),
 * so it is read whole first; the caller's request has been sent upstream as usual.
 */
export async function answerWithFault(
  answer: IncomingMessage,
  res: ServerResponse,
  headers: OutgoingHttpHeaders,
  fault: TrustServerFault,
): Promise<void> {
  const { body } = await collectResponse(answer);
  if (fault.mode === 'replace') {
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': fault.body.length,
      'cache-control': 'no-store',
    });
    res.end(fault.body);
    return;
  }
  // The real status and headers, with the real length (also when the upstream sent the body chunked):
  // the client is promised the whole file and gets half of it.
  const { 'transfer-encoding': _chunked, ...rest } = headers;
  res.writeHead(answer.statusCode ?? 200, { ...rest, 'content-length': body.length });
  const half = body.subarray(0, Math.floor(body.length / 2));
  const closed = new Promise<void>((resolve) => res.once('close', resolve));
  if (fault.mode === 'truncate') {
    res.write(half, () => res.destroy()); // cut once the half is on its way
  } else {
    res.write(half); // stall: nothing more, until the client (or the server's shutdown) closes it
  }
  await closed;
}
