/**
 * Reads an HTTP body (fetch `Request` or `Response`) without ever holding more than `limit`
 * bytes of it. Shared by the widget (feeds) and the server (vote requests).
 */

/** The body's bytes, or undefined as soon as it proves larger than `limit`. */
export async function readLimitedBytes(message: Request | Response, limit: number): Promise<Uint8Array | undefined> {
  // The declared length refuses honest big bodies before reading; the count below catches
  // chunked bodies and lying headers.
  const declared = Number(message.headers.get('content-length'));
  if (declared > limit) {
    // Unread, the body would hold its connection open.
    await message.body?.cancel();
    return undefined;
  }
  if (!message.body) return new Uint8Array(0);

  const reader = message.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
