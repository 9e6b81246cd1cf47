/**
 * Work on the network that gives up after a time limit and can be called off from outside.
 * Shared by the widget's feed loading and its vote client; it needs only fetch's
 * AbortController, so it runs in browsers and in Node alike.
 */

/** The time limit passed before the work finished. */
export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

/**
 * Runs `work` with a signal that aborts after `timeoutMs` or when `signal` aborts. Rejects with
 * a TimeoutError when the time ran out, with `signal`'s own reason when it was called off, and
 * with whatever `work` threw otherwise. The time limit covers the whole of `work` (reading a
 * body included), not only the wait for headers.
 */
export async function withTimeout<T>(
  timeoutMs: number,
  signal: AbortSignal | undefined,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  const callOff = () => abort.abort();
  if (signal?.aborted) abort.abort();
  signal?.addEventListener('abort', callOff);
  try {
    return await work(abort.signal);
  } catch (error) {
    if (signal?.aborted) throw error;
    if (abort.signal.aborted) throw new TimeoutError(`No answer within ${timeoutMs} ms.`);
    throw error;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', callOff);
  }
}
