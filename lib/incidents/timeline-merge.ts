import type { TimelineEventDto } from "./types";

/** Merges freshly fetched timeline events into the ones shown, by id, oldest first. A fetched copy
 * replaces the shown one (its pin state may have changed). Pure: the live timeline's cache updater. */
export function mergeTimelineEvents(
  shown: readonly TimelineEventDto[],
  fetched: readonly TimelineEventDto[],
): TimelineEventDto[] {
  if (fetched.length === 0) return shown as TimelineEventDto[];
  const byId = new Map<number, TimelineEventDto>();
  for (const e of shown) byId.set(e.id, e);
  for (const e of fetched) byId.set(e.id, e);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

export function lastEventId(events: readonly TimelineEventDto[]): number {
  return events.reduce((max, e) => Math.max(max, e.id), 0);
}

/** After the server re-renders the timeline (it is the truth up to its last event), keep only the
 * shown events it does not have yet: newer ones that polling brought in. */
export function rebaseTimeline(
  server: readonly TimelineEventDto[],
  shown: readonly TimelineEventDto[],
): TimelineEventDto[] {
  const last = lastEventId(server);
  return mergeTimelineEvents(
    server,
    shown.filter((e) => e.id > last),
  );
}
