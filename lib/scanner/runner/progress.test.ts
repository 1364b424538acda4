import { describe, expect, it } from "vitest";

import { applyStderrLine, applyStreamLine, EMPTY_PROGRESS, splitLines } from "./progress";

describe("scan progress", () => {
  it("reads the banner and the per-URL progress lines of stderr", () => {
    let p = applyStderrLine(EMPTY_PROGRESS, "ApiHunter v0.3.0 | Targets: 3");
    p = applyStderrLine(p, "[2/7] (28.6%)");
    p = applyStderrLine(p, "2026-11-28T08:00:00Z  INFO apihunter: something");
    expect(p).toMatchObject({ seeds: 3, urlsDone: 2, urlsTotal: 7 });
  });

  it("counts streamed findings and HIGH/CRITICAL ones, and sees the summary line", () => {
    let p = applyStreamLine(EMPTY_PROGRESS, '{"type":"meta","meta":{},"stream":true}');
    p = applyStreamLine(p, '{"url":"u","check":"cors/reflected-origin","severity":"HIGH"}');
    p = applyStreamLine(p, '{"url":"u","check":"csp/missing","severity":"INFO"}');
    p = applyStreamLine(p, "not json");
    expect(p).toMatchObject({ findings: 2, highOrCritical: 1, finished: false });
    expect(applyStreamLine(p, '{"type":"summary"}').finished).toBe(true);
  });

  it("keeps a partial line until its newline arrives", () => {
    const a = splitLines("", '{"a":1}\n{"b"');
    expect(a).toEqual({ lines: ['{"a":1}'], carry: '{"b"' });
    expect(splitLines(a.carry, ":2}\n")).toEqual({ lines: ['{"b":2}'], carry: "" });
  });
});
