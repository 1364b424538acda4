import "server-only";

import { subscribeLive } from "./hub";
import type { LiveMessage } from "./listener";
import { sseComment, sseMessage } from "./notice";

export const HEARTBEAT_MS = 15_000;
/** How long a browser waits before reconnecting after the stream breaks. */
export const RETRY_MS = 2_000;

/** Reads of one event shared by the streams that ask for it at the same time (every viewer of
 * the incident in this process gets the same notice at once): one query, not one per viewer. */
const inFlight = new Map<string, Promise<unknown>>();
function sharedRead(key: string, read: () => Promise<unknown>): Promise<unknown> {
  const pending = inFlight.get(key);
  if (pending) return pending;
  const p = read()
    .catch(() => null)
    .finally(() => inFlight.delete(key));
  inFlight.set(key, p);
  return p;
}

export type IncidentStreamOptions = {
  signal?: AbortSignal;
  lastEventId?: string | null;
  heartbeatMs?: number;
  /** The stored timeline event sent after a timeline `change` (null, or a failed read: nothing
   * more is sent and the viewer reads by its cursor as for any change). */
  timelineEvent?: (eventId: number) => Promise<unknown>;
  /** Asked before an event's content is sent: false (the session ended or lost its role since the
   * stream opened) ends the stream, and the browser's reconnect is refused. */
  stillAllowed?: () => Promise<boolean>;
};

/**
 * The Server-Sent Events stream of one incident: `ready` once subscribed, `change` per
 * committed change ({incidentId, topic, id, kind}: what to re-read, sent the moment its notice
 * arrives), then for a new timeline event a `timeline-event` with its stored content when
 * `timelineEvent` is given (read once per process for every viewer, after a `stillAllowed` check;
 * it never holds back the next `change`), `resync` when notices may have been missed, and a
 * comment every HEARTBEAT_MS. Catching up is the reader's job, by its own commit-order cursor
 * (lib/incidents/live-cursor.ts): a viewer re-reads on `ready` and `resync`, so a reconnect
 * (which sends Last-Event-ID) misses nothing.
 * Null when live updates are unavailable in this process (the caller answers 503; viewers poll).
 */
export async function incidentLiveStream(
  incidentId: number,
  opts: IncidentStreamOptions = {},
): Promise<Response | null> {
  const encoder = new TextEncoder();
  let push: ((text: string) => void) | null = null;
  let end: (() => void) | null = null;
  // The content goes out when read, in its own message: a slow read (a busy process, a
  // database wait) must not delay the notice, which lets the viewer read by its cursor.
  const sendContent = async (eventId: number, read: (eventId: number) => Promise<unknown>) => {
    if (opts.stillAllowed && !(await opts.stillAllowed().catch(() => false))) return end?.();
    const event = await sharedRead(`${incidentId}:${eventId}`, () => read(eventId));
    if (event) push?.(sseMessage({ event: "timeline-event", data: { incidentId, event } }));
  };
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
    if (n.topic === "timeline" && opts.timelineEvent) void sendContent(n.rowId, opts.timelineEvent);
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
      end = () => {
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
