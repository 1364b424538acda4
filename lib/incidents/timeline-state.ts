import type { TimelineEventKind } from "./event-kinds";
import type { TimelineEventDto } from "./types";

/** What a viewer's timeline holds: the events loaded so far (first page, older pages, live feed)
 * by id, how far back it has paged, and the live cursor. Pure: the timeline component's state. */
export type TimelineState = {
  byId: ReadonlyMap<number, TimelineEventDto>;
  oldestId: number | null;
  hasOlder: boolean;
  cursor: string;
};

export type PageLike = { events: readonly TimelineEventDto[]; hasOlder: boolean; cursor: string };

export function initTimeline(page: PageLike): TimelineState {
  return {
    byId: withEvents(new Map(), page.events),
    oldestId: minId(page.events),
    hasOlder: page.hasOlder,
    cursor: page.cursor,
  };
}

/** An older page ("Load older") extends the history; the live cursor is untouched. */
export function addOlderPage(state: TimelineState, page: PageLike): TimelineState {
  const oldest = minId(page.events);
  return {
    ...state,
    byId: withEvents(state.byId, page.events),
    oldestId: oldest === null ? state.oldestId : Math.min(oldest, state.oldestId ?? oldest),
    hasOlder: page.hasOlder,
  };
}

/** Live events (and a pinned copy) replace shown ones by id; the cursor moves on. */
export function addLive(state: TimelineState, events: readonly TimelineEventDto[], cursor: string) {
  // The live feed brings new events; a copy of one already shown (a re-read of a late commit)
  // must not undo a change this viewer made to it since, such as a pin.
  return { ...state, byId: withEvents(state.byId, events, true), cursor };
}

/** A new event the live stream pushed: shown at once if this view's filter shows it. The cursor
 * stays: the cursor read brings the event again, and an event already shown is kept as it is. */
export function addPushed(
  state: TimelineState,
  event: TimelineEventDto,
  filter: { kinds: readonly TimelineEventKind[]; pinnedOnly: boolean },
): TimelineState {
  const hidden =
    (filter.kinds.length > 0 && !filter.kinds.includes(event.kind)) || (filter.pinnedOnly && !event.pinned);
  return hidden ? state : { ...state, byId: withEvents(state.byId, [event], true) };
}

/** This viewer's own change to an event (pin, unpin): the server's answer replaces it. */
export function replaceEvent(state: TimelineState, event: TimelineEventDto): TimelineState {
  return { ...state, byId: withEvents(state.byId, [event]) };
}

/** A fresh server render of the first page (after this viewer's own change): its events are
 * merged in; history already paged and the live cursor are kept. */
export function mergeFirstPage(state: TimelineState, page: PageLike): TimelineState {
  return { ...state, byId: withEvents(state.byId, page.events) };
}

/** Newest first (ids follow server time). */
export function newestFirst(state: TimelineState): TimelineEventDto[] {
  return [...state.byId.values()].sort((a, b) => b.id - a.id);
}

function withEvents(
  map: ReadonlyMap<number, TimelineEventDto>,
  events: readonly TimelineEventDto[],
  keepKnown = false,
) {
  if (events.length === 0) return map;
  const next = new Map(map);
  for (const e of events) if (!keepKnown || !next.has(e.id)) next.set(e.id, e);
  return next;
}

function minId(events: readonly TimelineEventDto[]): number | null {
  return events.length ? Math.min(...events.map((e) => e.id)) : null;
}
