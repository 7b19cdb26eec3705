/** What a server answered to a body streamed without Content-Length, and how much had been sent by then. */
export interface ChunkedAnswer {
  status: number;
  text: string;
  /** Bytes the client had produced when the answer's headers arrived. */
  sentWhenAnswered: number;
  totalBytes: number;
}

/**
 * POSTs a body of `totalBytes` (the `prefix`, then `x`s) as a chunked stream: no Content-Length, so only
 * a server that counts what it reads can stop early. A server that reads everything first answers only
 * after the whole body was sent; one that stops at its limit answers while most is still unsent.
 */
export async function postChunked(
  url: string,
  headers: Record<string, string>,
  totalBytes: number,
  prefix = '',
  method = 'POST',
): Promise<ChunkedAnswer> {
  const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === 0 && prefix) {
        const head = new TextEncoder().encode(prefix);
        sent += head.length;
        controller.enqueue(head);
        return;
      }
      if (sent >= totalBytes) return controller.close();
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
  const controller = new AbortController();
  const response = await fetch(url, {
    method,
    headers,
    body,
    signal: controller.signal,
    duplex: 'half',
  } as RequestInit);
  const sentWhenAnswered = sent;
  const text = await response.text().catch(() => '');
  controller.abort();
  return { status: response.status, text, sentWhenAnswered, totalBytes };
}
