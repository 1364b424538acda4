import { describe, expect, it } from "vitest";

import { lastEventId, mergeTimelineEvents, rebaseTimeline } from "./timeline-merge";
import type { TimelineEventDto } from "./types";

const e = (id: number, pinned = false): TimelineEventDto => ({
  id,
  incidentId: 1,
  kind: "note",
  actor: "A",
  occurredAt: "2026-11-23T10:00:00.000Z",
  body: `n${id}`,
  data: {},
  pinned,
  pinnedBy: null,
  pinnedAt: null,
});

describe("mergeTimelineEvents", () => {
  it("appends new events in id order without duplicating ones already shown", () => {
    expect(mergeTimelineEvents([e(1), e(2)], [e(4), e(2), e(3)]).map((x) => x.id)).toEqual([1, 2, 3, 4]);
  });

  it("replaces a shown event with its fetched copy (pin state changed)", () => {
    expect(mergeTimelineEvents([e(1), e(2)], [e(2, true)])[1]?.pinned).toBe(true);
  });

  it("returns the same list when nothing was fetched", () => {
    const shown = [e(1)];
    expect(mergeTimelineEvents(shown, [])).toBe(shown);
  });
});

describe("lastEventId", () => {
  it("is 0 for an empty timeline and the largest id otherwise", () => {
    expect(lastEventId([])).toBe(0);
    expect(lastEventId([e(7), e(3)])).toBe(7);
  });
});

describe("rebaseTimeline", () => {
  it("takes the server's copy up to its last event and keeps newer polled ones", () => {
    const rebased = rebaseTimeline([e(1), e(2, true)], [e(1), e(2), e(3), e(4)]);
    expect(rebased.map((x) => [x.id, x.pinned])).toEqual([
      [1, false],
      [2, true],
      [3, false],
      [4, false],
    ]);
  });

  it("drops an event the server no longer lists under the current filter (unpinned while showing pinned only)", () => {
    expect(rebaseTimeline([e(3, true)], [e(2, true), e(3, true)]).map((x) => x.id)).toEqual([3]);
  });
});
