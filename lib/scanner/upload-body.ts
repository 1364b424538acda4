/**
 * Reads an uploaded report body up to a limit, streaming: a declared Content-Length over the
 * limit is refused before anything is read, and the stream is cancelled as soon as the bytes
 * read pass the limit, so an oversized upload never sits in memory whole.
 */
export async function readUploadText(
  request: Request,
  maxBytes: number,
): Promise<{ ok: true; text: string } | { ok: false; bytes: number }> {
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (declared > maxBytes) return { ok: false, bytes: declared };
  if (!request.body) return { ok: true, text: "" };
  const reader = request.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > maxBytes) {
      await reader.cancel().catch(() => {});
      return { ok: false, bytes };
    }
    text += decoder.decode(value, { stream: true });
  }
  return { ok: true, text: text + decoder.decode() };
}
