"use client";

import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";

import { incidentKeys } from "@/lib/incidents/query-keys";
import type { TimelineEventDto } from "@/lib/incidents/types";
import { playbookKeys } from "@/lib/playbooks/query-keys";
import { actionKeys } from "@/lib/query-keys";

/** After the server refuses the stream (503 where it cannot LISTEN, 401 after sign-out), try
 * again this much later; meanwhile the page polls. */
export const LIVE_RETRY_AFTER_REFUSAL_MS = 30_000;

type Change = {
  incidentId: number;
  topic: "timeline" | "incident" | "action" | "playbook";
  id: number;
};

/**
 * Pushed changes of one incident (GET /api/incidents/:id/live, Server-Sent Events) turned into
 * TanStack Query invalidations: the timeline's live feed re-reads by its cursor, an action run
 * and the playbook panel re-read themselves. On every (re)connect (`ready`) and `resync` the
 * timeline re-reads too, so nothing committed while disconnected is missed. A new timeline
 * event's content (`timeline-event`, sent just after its change) goes to `onTimelineEvent` at
 * once, whether or not the re-read (which may wait behind one already running) has finished. `connected` is false while there is no stream:
 * callers keep polling at their fast interval then.
 */
export function useIncidentLive(
  incidentId: number,
  onTimelineEvent?: (event: TimelineEventDto) => void,
): { connected: boolean } {
  const queryClient = useQueryClient();
  const [connected, setConnected] = useState(false);
  const onEvent = useRef(onTimelineEvent);
  useEffect(() => void (onEvent.current = onTimelineEvent));

  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    // One refetch at a time per key; changes arriving meanwhile cause one more afterwards (a
    // refetch that started before a commit may not see it).
    const pumps = new Map<string, { running: boolean; dirty: boolean }>();
    const invalidate = (queryKey: QueryKey) => {
      const id = JSON.stringify(queryKey);
      const pump = pumps.get(id) ?? { running: false, dirty: false };
      pumps.set(id, pump);
      if (pump.running) return void (pump.dirty = true);
      pump.running = true;
      void (async () => {
        do {
          pump.dirty = false;
          await queryClient.invalidateQueries({ queryKey }).catch(() => {});
        } while (pump.dirty);
        pump.running = false;
      })();
    };
    const everything = () => {
      invalidate(incidentKeys.allEvents(incidentId));
      invalidate(playbookKeys.incident(incidentId));
    };

    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const open = () => {
      const es = new EventSource(`/api/incidents/${incidentId}/live`);
      source = es;
      es.addEventListener("ready", () => {
        setConnected(true);
        everything();
      });
      es.addEventListener("resync", everything);
      // A new timeline event as stored, sent after its change while the viewer may read it.
      es.addEventListener("timeline-event", (e) => {
        const { event } = JSON.parse((e as MessageEvent<string>).data) as { event: TimelineEventDto };
        onEvent.current?.(event);
      });
      es.addEventListener("change", (e) => {
        const change = JSON.parse((e as MessageEvent<string>).data) as Change;
        if (change.topic === "timeline" || change.topic === "incident")
          invalidate(incidentKeys.allEvents(incidentId));
        else if (change.topic === "action") invalidate(actionKeys.run(change.id));
        else invalidate(playbookKeys.incident(incidentId));
      });
      es.onerror = () => {
        setConnected(false);
        // CONNECTING: the browser reconnects by itself (with Last-Event-ID). CLOSED: refused.
        if (es.readyState === EventSource.CLOSED) retry = setTimeout(open, LIVE_RETRY_AFTER_REFUSAL_MS);
      };
    };
    open();
    return () => {
      clearTimeout(retry);
      source?.close();
      setConnected(false);
    };
  }, [incidentId, queryClient]);

  return { connected };
}
