import { describe, expect, it } from "vitest";

import {
  addLive,
  addOlderPage,
  addPushed,
  initTimeline,
  mergeFirstPage,
  newestFirst,
  replaceEvent,
} from "./timeline-state";
import type { TimelineEventDto } from "./types";

const ev = (id: number, extra: Partial<TimelineEventDto> = {}): TimelineEventDto => ({
  id,
  incidentId: 1,
  kind: "note",
  actor: "Dana",
  occurredAt: new Date(Date.UTC(2026, 10, 28, 4, 0, id)).toISOString(),
  body: `n${id}`,
  data: {},
  pinned: false,
  pinnedBy: null,
  pinnedAt: null,
  ...extra,
});
const ids = (s: ReturnType<typeof initTimeline>) => newestFirst(s).map((e) => e.id);

describe("timeline state", () => {
  it("shows the first page newest first and extends it with older pages", () => {
    let s = initTimeline({ events: [ev(9), ev(8)], hasOlder: true, cursor: "c1" });
    expect(ids(s)).toEqual([9, 8]);
    s = addOlderPage(s, { events: [ev(7), ev(6)], hasOlder: false, cursor: "ignored" });
    expect(ids(s)).toEqual([9, 8, 7, 6]);
    expect(s).toMatchObject({ oldestId: 6, hasOlder: false, cursor: "c1" });
  });

  it("places a late-committing event by its id and moves the cursor", () => {
    let s = initTimeline({ events: [ev(5)], hasOlder: false, cursor: "c1" });
    s = addLive(s, [ev(7)], "c2");
    s = addLive(s, [ev(6), ev(7)], "c3");
    expect(ids(s)).toEqual([7, 6, 5]);
    expect(s.cursor).toBe("c3");
  });

  it("keeps paged history and the cursor when the server re-renders the first page", () => {
    let s = initTimeline({ events: [ev(9)], hasOlder: true, cursor: "c1" });
    s = addOlderPage(s, { events: [ev(3)], hasOlder: false, cursor: "x" });
    s = mergeFirstPage(s, { events: [ev(10), ev(9)], hasOlder: true, cursor: "c9" });
    expect(ids(s)).toEqual([10, 9, 3]);
    expect(s).toMatchObject({ cursor: "c1", hasOlder: false, oldestId: 3 });
  });

  it("replaces a shown event by this viewer's change to it (a pin)", () => {
    const s = replaceEvent(
      initTimeline({ events: [ev(2)], hasOlder: false, cursor: "c" }),
      ev(2, { pinned: true }),
    );
    expect(newestFirst(s).map((e) => [e.id, e.pinned])).toEqual([[2, true]]);
  });

  it("keeps a pin when the live feed re-delivers an older copy of the event", () => {
    const pinned = replaceEvent(
      initTimeline({ events: [ev(2)], hasOlder: false, cursor: "c" }),
      ev(2, { pinned: true }),
    );
    const s = addLive(pinned, [ev(2), ev(3)], "d");
    expect(newestFirst(s).map((e) => [e.id, e.pinned])).toEqual([
      [3, false],
      [2, true],
    ]);
  });

  it("shows an event the stream pushed at once, keeps the cursor, and leaves it out of a filter that hides it", () => {
    const s = initTimeline({ events: [ev(5)], hasOlder: false, cursor: "c1" });
    const all = { kinds: [], pinnedOnly: false };
    const pushed = addPushed(s, ev(6), all);
    expect(ids(pushed)).toEqual([6, 5]);
    expect(pushed.cursor).toBe("c1");
    // The cursor read delivers it again: shown once, the cursor moves then.
    expect(ids(addLive(pushed, [ev(6)], "c2"))).toEqual([6, 5]);
    expect(addPushed(s, ev(6), { kinds: ["action"], pinnedOnly: false })).toBe(s);
    expect(addPushed(s, ev(6), { kinds: [], pinnedOnly: true })).toBe(s);
    expect(ids(addPushed(s, ev(6, { kind: "action" }), { kinds: ["action"], pinnedOnly: false }))).toEqual([
      6, 5,
    ]);
  });
});
