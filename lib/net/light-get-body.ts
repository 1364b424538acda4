/** How lightGet (lib/net/light-get.ts) reads an answer: the status line and headers, then the
 * body by Content-Length, by chunks, or until the connection closes (read or only skipped).
 * Pure framing over Buffers; no I/O. */
import { formatBytes, OutboundError } from "./outbound-error";

/** A body only skipped (the status is what counts) is drained up to this much so the
 * connection can be reused; a longer one closes it. */
export const MAX_SKIPPED_BYTES = 64 * 1024;
const MAX_CHUNK_LINE = 1024;

export type BodyState = "more" | "done" | "skipped" | "too-large" | "invalid";

export type BodyReader = {
  /** Read until the connection closes (no length, not chunked): never reused. */
  untilClose: boolean;
  /** Ended exactly at the answer's end (nothing after it), so the connection can be reused. */
  reusable: boolean;
  take(chunk: Buffer): BodyState;
  body(): Buffer;
};

export function readBody(head: {
  length: number | null;
  chunked: boolean;
  noBody: boolean;
  keepAlive: boolean;
  collect: boolean;
  maxBytes: number;
}): BodyReader {
  const cap = head.collect ? head.maxBytes : MAX_SKIPPED_BYTES;
  const parts: Buffer[] = [];
  let size = 0;
  /** Body bytes of this answer: kept (collect) or counted; false past the cap. */
  const keep = (b: Buffer): boolean => {
    size += b.length;
    if (size > cap) return false;
    if (head.collect && b.length > 0) parts.push(b);
    return true;
  };
  const over = (): BodyState => (head.collect ? "too-large" : "skipped");
  const reader: BodyReader = {
    untilClose: false,
    reusable: head.keepAlive,
    body: () => (parts.length === 1 ? parts[0]! : Buffer.concat(parts)),
    take: () => "done",
  };
  if (head.noBody) {
    reader.take = (chunk) => {
      if (chunk.length > 0) reader.reusable = false;
      return "done";
    };
  } else if (head.chunked) {
    let pending: Buffer = Buffer.alloc(0);
    let need = -1; // data bytes (+ CRLF) of the current chunk still to come; -1 = at a size line
    let trailer = false;
    reader.take = (chunk) => {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      for (;;) {
        if (trailer) {
          const end = pending.indexOf("\r\n") === 0 ? 2 : pending.indexOf("\r\n\r\n") + 4;
          if (end !== 2 && end < 4) return pending.length > MAX_CHUNK_LINE ? "invalid" : "more";
          if (pending.length > end) reader.reusable = false;
          return "done";
        }
        if (need >= 0) {
          const data = Math.max(0, need - 2);
          if (pending.length < need) {
            if (!keep(pending.subarray(0, Math.min(pending.length, data)))) return over();
            need -= pending.length;
            pending = Buffer.alloc(0);
            return "more";
          }
          if (!keep(pending.subarray(0, data))) return over();
          if (pending.toString("latin1", data, need) !== "\r\n".slice(2 - (need - data))) return "invalid";
          pending = pending.subarray(need);
          need = -1;
          continue;
        }
        const eol = pending.indexOf("\r\n");
        if (eol < 0) return pending.length > MAX_CHUNK_LINE ? "invalid" : "more";
        const text = pending.toString("latin1", 0, eol).split(";")[0]!.trim();
        if (!/^[0-9a-fA-F]+$/.test(text)) return "invalid";
        const n = parseInt(text, 16);
        pending = pending.subarray(eol + 2);
        if (n === 0) trailer = true;
        else need = n + 2;
      }
    };
  } else if (head.length !== null) {
    let left = head.length;
    reader.take = (chunk) => {
      const mine = chunk.length > left ? chunk.subarray(0, left) : chunk;
      if (!keep(mine)) return over();
      left -= mine.length;
      if (chunk.length > mine.length) reader.reusable = false;
      return left > 0 ? "more" : "done";
    };
  } else {
    reader.untilClose = true;
    reader.reusable = false;
    reader.take = (chunk) => (!head.collect ? "skipped" : keep(chunk) ? "more" : "too-large");
  }
  return reader;
}

export type Head = {
  status: number;
  length: number | null;
  chunked: boolean;
  noBody: boolean;
  keepAlive: boolean;
};

export function parseHead(text: string): Head | null {
  const lines = text.split("\r\n");
  const m = /^HTTP\/1\.([01]) (\d{3})(?: |$)/.exec(lines[0] ?? "");
  if (!m) return null;
  const status = Number(m[2]);
  let length: number | null = null;
  let chunked = false;
  let close = m[1] === "0";
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const colon = line.indexOf(":");
    if (colon <= 0) return null;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line
      .slice(colon + 1)
      .trim()
      .toLowerCase();
    if (name === "content-length") {
      if (!/^\d+$/.test(value) || (length !== null && length !== Number(value))) return null;
      length = Number(value);
    } else if (name === "transfer-encoding") chunked = value.split(",").at(-1)?.trim() === "chunked";
    else if (name === "connection") close = value.split(",").some((v) => v.trim() === "close");
  }
  // An interim (1xx) answer is not followed: the connection is not reused after it.
  const noBody = status === 204 || status === 304 || status < 200;
  return { status, length, chunked, noBody, keepAlive: !close && status >= 200 };
}

export function tooLarge(status: number, maxBytes: number): OutboundError {
  return new OutboundError(
    "too-large",
    `answered ${status} with a body larger than ${formatBytes(maxBytes)}; stopped reading`,
  );
}
