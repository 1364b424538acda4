import { describe, expect, it } from "vitest";

import { cursorAfterSnapshot, decodeCursor, encodeCursor, nextCursor } from "./live-cursor";

describe("live cursor", () => {
  it("round-trips through its text form", () => {
    const c = { tx: 123456789012n, id: 42, pending: [5n, 9n] };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    expect(decodeCursor("7.0")).toEqual({ tx: 7n, id: 0, pending: [] });
  });

  it.each(["", "x", "1", "1.2.", "-1.2", "1.99999999999", "1.2.3-"])("refuses %j", (text) => {
    expect(decodeCursor(text)).toBeNull();
  });

  it("starts after the snapshot, remembering the transactions still in progress", () => {
    expect(cursorAfterSnapshot({ xmax: 100n, inProgress: [97n, 95n, 97n] })).toEqual({
      tx: 100n,
      id: 0,
      pending: [95n, 97n],
    });
  });

  it("moves to the last delivered event and keeps in-progress transactions ordered before it", () => {
    const next = nextCursor(
      { tx: 100n, id: 0, pending: [95n] },
      [
        { tx: 101n, id: 7 },
        { tx: 104n, id: 6 },
      ],
      { inProgress: [95n, 103n, 106n] },
    );
    expect(next).toEqual({ tx: 104n, id: 6, pending: [95n, 103n] });
  });

  it("stays put when nothing new was delivered and forgets transactions that ended", () => {
    expect(nextCursor({ tx: 100n, id: 0, pending: [95n, 97n] }, [], { inProgress: [97n] })).toEqual({
      tx: 100n,
      id: 0,
      pending: [97n],
    });
  });
});
