import { describe, expect, it } from "vitest";

import { isSendingCopy, sendingNote, settleNote, visibleOwnNotes } from "./own-notes";
import type { TimelineEventDto } from "./types";

const now = new Date("2026-11-28T04:12:09Z");
const stored = { id: 41, body: "rolled back" } as TimelineEventDto;

describe("own notes", () => {
  it("shows a sent note at once, newest first", () => {
    const notes = [sendingNote(1, "first", now, "a"), sendingNote(1, "second", now, "b")];
    expect(visibleOwnNotes(notes, () => false).map((n) => [n.body, n.state])).toEqual([
      ["second", "sending"],
      ["first", "sending"],
    ]);
  });

  it("keeps a confirmed note until the timeline holds its event", () => {
    const notes = settleNote([sendingNote(1, "rolled back", now, "a")], "a", { ok: true, event: stored });
    expect(visibleOwnNotes(notes, () => false)).toMatchObject([{ state: "confirmed", event: stored }]);
    expect(visibleOwnNotes(notes, (id) => id === 41)).toEqual([]);
  });

  it("marks a refused note failed with the reason instead of dropping it", () => {
    const notes = settleNote([sendingNote(1, "x", now, "a")], "a", { ok: false, error: "Database down" });
    expect(visibleOwnNotes(notes, () => true)).toMatchObject([{ state: "failed", error: "Database down" }]);
  });

  it("recognises the stored copy of a note still sending, and nothing once it is answered", () => {
    const copy = { id: 42, incidentId: 1, kind: "note", body: "on it" } as TimelineEventDto;
    const notes = [sendingNote(1, "on it", now, "a")];
    expect(isSendingCopy(notes, copy)).toBe(true);
    expect(isSendingCopy(notes, { ...copy, body: "something else" })).toBe(false);
    expect(isSendingCopy(notes, { ...copy, incidentId: 2 })).toBe(false);
    expect(isSendingCopy(settleNote(notes, "a", { ok: true, event: copy }), copy)).toBe(false);
  });
});
