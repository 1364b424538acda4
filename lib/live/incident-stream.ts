import "server-only";

import { subscribeLive } from "./hub";
import type { LiveMessage } from "./listener";
import { sseComment, sseMessage } from "./notice";

export const HEARTBEAT_MS = 15_000;
/** How long a browser waits before reconnecting after the stream breaks. */
export const RETRY_MS = 2_000;

/**
 * The Server-Sent Events stream of one incident: `ready` once subscribed, `change` per
 * committed change ({incidentId, topic, id, kind}: what to re-read, never the content),
 * `resync` when notices may have been missed, and a comment every HEARTBEAT_MS. Catching up is
 * the reader's job, by its own commit-order cursor (lib/incidents/live-cursor.ts): a viewer
 * re-reads on `ready` and `resync`, so a reconnect (which sends Last-Event-ID) misses nothing.
 * Null when live updates are unavailable in this process (the caller answers 503; viewers poll).
 */
export async function incidentLiveStream(
  incidentId: number,
  opts: { signal?: AbortSignal; lastEventId?: string | null; heartbeatMs?: number } = {},
): Promise<Response | null> {
  const encoder = new TextEncoder();
  let push: ((text: string) => void) | null = null;
  const unsubscribe = await subscribeLive((m: LiveMessage) => {
    if (m.type === "resync") return push?.(sseMessage({ event: "resync", data: { incidentId } }));
    const n = m.notice;
    if (n.incidentId !== incidentId) return;
    push?.(
      sseMessage({
        id: `${n.topic}-${n.rowId}`,
        event: "change",
        data: { incidentId, topic: n.topic, id: n.rowId, kind: n.kind },
      }),
    );
  });
  if (!unsubscribe) return null;

  let heartbeat: ReturnType<typeof setInterval> | undefined;
  const close = () => {
    push = null;
    clearInterval(heartbeat);
    unsubscribe();
  };
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      push = (text) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      };
      push(`retry: ${RETRY_MS}\n\n`);
      push(sseMessage({ event: "ready", data: { incidentId, resumed: Boolean(opts.lastEventId) } }));
      heartbeat = setInterval(() => push?.(sseComment("heartbeat")), opts.heartbeatMs ?? HEARTBEAT_MS);
      const end = () => {
        close();
        try {
          controller.close();
        } catch {
          // already closed by the reader
        }
      };
      if (opts.signal?.aborted) end();
      else opts.signal?.addEventListener("abort", end, { once: true });
    },
    cancel: close,
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform: the server's gzip would otherwise buffer the stream.
      "Cache-Control": "no-cache, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
}
