import { describe, expect, it } from "vitest";

import { EMPTY_TAIL, mergeTail, type TailLine } from "./log-tail";

const line = (pod: string, t: number, msg = "level=error msg=x"): TailLine => ({
  pod,
  text: `2026-11-28T09:00:${String(t).padStart(2, "0")}Z ${msg}`,
});

describe("the error lines' live tail", () => {
  it("shows the first read whole, then only the lines an overlapping read adds", () => {
    const first = mergeTail(EMPTY_TAIL, [line("a", 1), line("b", 2)]);
    expect(first.lines).toEqual([line("a", 1), line("b", 2)]);
    const next = mergeTail(first, [line("b", 2), line("a", 3), line("b", 4)]);
    expect(next.lines).toEqual([line("a", 1), line("b", 2), line("a", 3), line("b", 4)]);
  });

  it("keeps a line of the same text from another pod", () => {
    const s = mergeTail(mergeTail(EMPTY_TAIL, [line("a", 1)]), [line("b", 1)]);
    expect(s.lines.map((l) => l.pod)).toEqual(["a", "b"]);
  });

  it("returns the same state when a read adds nothing (no re-render)", () => {
    const s = mergeTail(EMPTY_TAIL, [line("a", 1)]);
    expect(mergeTail(s, [line("a", 1)])).toBe(s);
  });

  it("keeps only the newest lines past the bound and counts the ones it dropped", () => {
    let s = EMPTY_TAIL;
    for (let t = 0; t < 5; t++) s = mergeTail(s, [line("a", t)], 3);
    expect(s.lines).toEqual([line("a", 2), line("a", 3), line("a", 4)]);
    expect(s.dropped).toBe(2);
    expect(s.seen.size).toBe(3);
  });
});
