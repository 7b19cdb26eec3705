// The JSON lines of an NDJSON body, each as soon as its newline arrives (the scan streams).
export async function* ndjsonLines<T>(body: NonNullable<Response['body']>): AsyncGenerator<T> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffered += value;
      let at: number;
      while ((at = buffered.indexOf('\n')) >= 0) {
        const line = JSON.parse(buffered.slice(0, at)) as T;
        buffered = buffered.slice(at + 1);
        yield line;
      }
    }
  } finally {
    reader.releaseLock();
  }
}
