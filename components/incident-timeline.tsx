"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";

import type { TimelineEventKind } from "@/lib/incidents/event-kinds";
import { isSendingCopy, type OwnNote } from "@/lib/incidents/own-notes";
import { incidentKeys } from "@/lib/incidents/query-keys";
import {
  addLive,
  addPushed,
  replaceEvent,
  addOlderPage,
  initTimeline,
  mergeFirstPage,
  newestFirst,
  type PageLike,
} from "@/lib/incidents/timeline-state";
import type { TimelineEventDto } from "@/lib/incidents/types";
import { useIncidentLive } from "./live/use-incident-live";
import type { PostNoteAction } from "./incident-note-send";
import { IncidentTimelineList, type PinAction } from "./incident-timeline-list";

export const TIMELINE_POLL_MS = 2_000;
/** While changes are pushed (useIncidentLive), polling only backs the stream up. */
export const TIMELINE_PUSHED_POLL_MS = 10_000;

type Props = {
  incidentId: number;
  initialPage: PageLike;
  kinds: TimelineEventKind[];
  pinnedOnly: boolean;
  pinAction: PinAction;
  postNote: PostNoteAction;
};

/** The live timeline, newest first: the server renders the newest page; "Load older" pages back
 * on demand; every 2 s the live feed (a commit-order cursor, independent of paging) brings what
 * others wrote; this viewer's own notes show at once. Only the rows in view are in the DOM. */
export function IncidentTimeline(props: Props) {
  const { incidentId, initialPage, kinds, pinnedOnly, pinAction, postNote } = props;
  const queryClient = useQueryClient();
  const router = useRouter();
  const [state, setState] = useState(() => initTimeline(initialPage));
  // The live cursor moves only with the live feed; older pages and re-renders leave it alone.
  const cursorRef = useRef(state.cursor);
  const filterParams = useCallback(() => {
    const params = new URLSearchParams();
    for (const k of kinds) params.append("kind", k);
    if (pinnedOnly) params.set("pinned", "1");
    return params;
  }, [kinds, pinnedOnly]);

  // A server re-render (after this viewer's own change) brings a fresh first page: merge it.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) return void (firstRender.current = false);
    setState((s) => mergeFirstPage(s, initialPage));
  }, [initialPage]);

  // An event shows as it arrives on the stream, without waiting for the read; this viewer's own
  // note still sending shows once, as that, until its answer confirms it.
  const pushed = useIncidentLive(incidentId, (event) => {
    const own = queryClient.getQueryData<OwnNote[]>(incidentKeys.ownNotes(incidentId)) ?? [];
    if (!isSendingCopy(own, event)) setState((s) => addPushed(s, event, { kinds, pinnedOnly }));
  }).connected;
  const live = useQuery<{ more: boolean; at: number }>({
    queryKey: incidentKeys.events(incidentId, { kinds, pinnedOnly }),
    refetchInterval: (q) => (q.state.data?.more ? 100 : pushed ? TIMELINE_PUSHED_POLL_MS : TIMELINE_POLL_MS),
    refetchIntervalInBackground: true,
    queryFn: async ({ signal }) => {
      const params = filterParams();
      params.set("cursor", cursorRef.current);
      const body = await getJson<{ events: TimelineEventDto[]; cursor: string; more: boolean }>(
        `/api/incidents/${incidentId}/events?${params}`,
        signal,
      );
      cursorRef.current = body.cursor;
      setState((s) => addLive(s, body.events, body.cursor));
      // Anything but a note can change the header, the response clock or "Mark mitigated".
      if (body.events.some((e) => e.kind !== "note")) router.refresh();
      return { more: body.more, at: Date.now() };
    },
  });

  const ownNotes = useQuery({
    queryKey: incidentKeys.ownNotes(incidentId),
    queryFn: () => [] as OwnNote[],
    initialData: [] as OwnNote[],
    enabled: false,
  });

  const [older, setOlder] = useState<{ loading: boolean; error: string | null }>({
    loading: false,
    error: null,
  });
  async function loadOlder() {
    if (state.oldestId === null) return;
    setOlder({ loading: true, error: null });
    try {
      const params = filterParams();
      params.set("before", String(state.oldestId));
      const page = await getJson<PageLike>(`/api/incidents/${incidentId}/events?${params}`);
      setState((s) => addOlderPage(s, page));
      setOlder({ loading: false, error: null });
    } catch (e) {
      setOlder({ loading: false, error: (e as Error).message });
    }
  }

  const showOwn = (kinds.length === 0 || kinds.includes("note")) && !pinnedOnly;
  // A confirmed own note is a stored event: it joins the timeline at once (pinnable), before the
  // live feed brings it.
  const events = useMemo(() => {
    const confirmed = showOwn
      ? ownNotes.data.flatMap((n) => (n.state === "confirmed" && n.event ? [n.event] : []))
      : [];
    return newestFirst(addLive(state, confirmed, state.cursor));
  }, [state, ownNotes.data, showOwn]);
  return (
    <div>
      <p className="mb-2 text-xs text-zinc-500">
        {live.isError ? (
          <span className="text-red-600 dark:text-red-400">
            Live updates paused: {live.error.message}. Retrying…
          </span>
        ) : (
          <span>
            Live · {pushed ? "pushed as they happen" : `updates every ${TIMELINE_POLL_MS / 1000} s`} ·{" "}
            {events.length.toLocaleString("en-US")} events loaded, newest first
          </span>
        )}
      </p>
      <IncidentTimelineList
        events={events}
        ownNotes={showOwn ? ownNotes.data.filter((n) => n.state !== "confirmed") : []}
        isShown={(id) => state.byId.has(id)}
        pinAction={pinAction}
        postNote={postNote}
        onPinned={(updated) => setState((s) => replaceEvent(s, updated))}
        onDiscardNote={(key) =>
          queryClient.setQueryData<OwnNote[]>(incidentKeys.ownNotes(incidentId), (notes) =>
            (notes ?? []).filter((n) => n.key !== key),
          )
        }
      />
      <div className="mt-2 flex flex-wrap items-center gap-3 text-sm">
        {state.hasOlder ? (
          <button
            type="button"
            onClick={loadOlder}
            disabled={older.loading}
            className="rounded border border-zinc-300 px-3 py-1 hover:bg-zinc-100 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-900"
          >
            {older.loading ? "Loading older events…" : "Load older events"}
          </button>
        ) : (
          <span className="text-xs text-zinc-500">Beginning of the timeline.</span>
        )}
        {older.error ? (
          <span className="text-red-600 dark:text-red-400">Could not load older events: {older.error}</span>
        ) : null}
      </div>
    </div>
  );
}

async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, { signal, cache: "no-store" });
  if (!res.ok)
    throw new Error(res.status === 503 ? "The database is unreachable" : `the server answered ${res.status}`);
  return (await res.json()) as T;
}
