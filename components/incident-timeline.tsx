"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState, useTransition } from "react";

import type { ActionResult } from "@/lib/server-action";
import type { TimelineEventKind } from "@/lib/incidents/event-kinds";
import { incidentKeys } from "@/lib/incidents/query-keys";
import { lastEventId, mergeTimelineEvents, rebaseTimeline } from "@/lib/incidents/timeline-merge";
import type { TimelineEventDto } from "@/lib/incidents/types";
import { IncidentEvent } from "./incident-event";

export const TIMELINE_POLL_MS = 2_000;

type PinAction = (input: {
  incidentId: number;
  eventId: number;
  pinned: boolean;
}) => Promise<ActionResult<TimelineEventDto>>;

/** The live timeline: the server renders the first page; every 2 s the client asks
 * /api/incidents/:id/events for events after the last one it has, so other viewers' notes
 * appear within the 5 s the issue asks for, without a reload. */
export function IncidentTimeline(props: {
  incidentId: number;
  initialEvents: TimelineEventDto[];
  kinds: TimelineEventKind[];
  pinnedOnly: boolean;
  pinAction: PinAction;
}) {
  const { incidentId, initialEvents, kinds, pinnedOnly, pinAction } = props;
  const queryClient = useQueryClient();
  const queryKey = useMemo(
    () => incidentKeys.events(incidentId, { kinds, pinnedOnly }),
    [incidentId, kinds, pinnedOnly],
  );

  const query = useQuery({
    queryKey,
    initialData: initialEvents,
    refetchInterval: TIMELINE_POLL_MS,
    refetchIntervalInBackground: true,
    queryFn: async ({ signal }) => {
      const shown = queryClient.getQueryData<TimelineEventDto[]>(queryKey) ?? initialEvents;
      const params = new URLSearchParams({ after: String(lastEventId(shown)) });
      for (const k of kinds) params.append("kind", k);
      if (pinnedOnly) params.set("pinned", "1");
      const res = await fetch(`/api/incidents/${incidentId}/events?${params}`, { signal, cache: "no-store" });
      if (!res.ok)
        throw new Error(
          res.status === 503 ? "The database is unreachable" : `Live updates failed (${res.status})`,
        );
      const body = (await res.json()) as { events: TimelineEventDto[] };
      return mergeTimelineEvents(
        queryClient.getQueryData<TimelineEventDto[]>(queryKey) ?? shown,
        body.events,
      );
    },
  });

  // A server re-render (after this viewer's own change) is the truth up to its last event.
  useEffect(() => {
    queryClient.setQueryData<TimelineEventDto[]>(queryKey, (shown) =>
      rebaseTimeline(initialEvents, shown ?? []),
    );
  }, [initialEvents, queryClient, queryKey]);

  const events = query.data;
  return (
    <div>
      <p className="mb-2 text-xs text-zinc-500" aria-live="polite">
        {query.isError ? (
          <span role="status" className="text-red-600 dark:text-red-400">
            Live updates paused: {query.error.message}. Retrying…
          </span>
        ) : (
          <span>Live · updates every {TIMELINE_POLL_MS / 1000} s</span>
        )}
      </p>
      {events.length === 0 ? (
        <p className="rounded border border-dashed border-zinc-300 p-4 text-sm text-zinc-500 dark:border-zinc-700">
          No events match this filter.
        </p>
      ) : (
        <ol aria-label="Timeline" className="space-y-2">
          {events.map((e) => (
            <IncidentEvent
              key={e.id}
              event={e}
              pinControl={
                <PinButton
                  event={e}
                  onPinned={(updated) =>
                    queryClient.setQueryData<TimelineEventDto[]>(queryKey, (shown) =>
                      mergeTimelineEvents(shown ?? [], [updated]),
                    )
                  }
                  pinAction={pinAction}
                />
              }
            />
          ))}
        </ol>
      )}
    </div>
  );
}

function PinButton({
  event,
  pinAction,
  onPinned,
}: {
  event: TimelineEventDto;
  pinAction: PinAction;
  onPinned: (e: TimelineEventDto) => void;
}) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      {error ? (
        <span role="alert" className="mr-2 text-red-600 dark:text-red-400">
          {error}
        </span>
      ) : null}
      <button
        type="button"
        disabled={pending}
        className="rounded border border-zinc-300 px-2 py-0.5 hover:bg-zinc-100 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-900"
        onClick={() =>
          startTransition(async () => {
            const result = await pinAction({
              incidentId: event.incidentId,
              eventId: event.id,
              pinned: !event.pinned,
            });
            if (result.ok) {
              setError(null);
              onPinned(result.data);
            } else setError(result.error);
          })
        }
      >
        {event.pinned ? "Unpin" : "Pin"}
      </button>
    </>
  );
}
