/** Reads a request body without ever holding more than a fixed number of bytes of it. */

export type BodyResult = { ok: true; bytes: Uint8Array } | { ok: false; reason: 'too-large' };

export async function readLimitedBody(request: Request, limit: number): Promise<BodyResult> {
  // The declared length refuses honest big bodies before reading; the count below catches
  // chunked bodies and lying headers.
  const declared = Number(request.headers.get('content-length'));
  if (declared > limit) return { ok: false, reason: 'too-large' };
  if (!request.body) return { ok: true, bytes: new Uint8Array(0) };

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return { ok: false, reason: 'too-large' };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, bytes };
}
