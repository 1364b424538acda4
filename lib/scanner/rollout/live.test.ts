import { describe, expect, it } from "vitest";

import {
  applyLiveLine,
  EMPTY_LIVE,
  findingKey,
  liveTriggers,
  mergeTriggers,
  storedTriggers,
  type LiveState,
} from "./live";

const finding = (url: string, check: string, severity = "HIGH") => JSON.stringify({ url, check, severity });
const summary = (requests: number, retries: number, scanned: number) =>
  JSON.stringify({
    type: "summary",
    summary: {},
    meta: { scanned, runtime_metrics: { http_requests: requests, http_retries: retries } },
  });
const fold = (lines: string[], baseline: Set<string> | null) =>
  lines.reduce<LiveState>((s, l) => applyLiveLine(s, l, baseline), EMPTY_LIVE);
const ctx = { previousNewHighCritical: null, operatorReports: 0 };

describe("rollback triggers while a scan streams", () => {
  const baseline = new Set([findingKey("https://a/api", "cors/reflected-origin")]);

  it("a spike of new HIGH/CRITICAL fires before the scan ends: baseline pairs and repeats do not count", () => {
    const lines = [
      JSON.stringify({ type: "meta", meta: {}, stream: true }),
      finding("https://a/api", "cors/reflected-origin"),
      finding("https://a/1", "cors/reflected-origin"),
      finding("https://a/1", "cors/reflected-origin"),
      finding("https://a/2", "jwt/alg-none", "CRITICAL"),
      finding("https://a/3", "csp/missing", "INFO"),
      finding("https://a/4", "api_security/debug-endpoint-debug-vars"),
    ];
    const s = fold(lines.slice(0, 5), baseline);
    expect(s.newHighKeys.size).toBe(2);
    expect(liveTriggers(s, ctx)).toEqual([]);
    const more = fold([...lines, finding("https://a/5", "cors/regex-bypass-suffix")], baseline);
    expect(more.newHighKeys.size).toBe(4);
    expect(liveTriggers(more, ctx).map((t) => t.kind)).toEqual(["high_spike"]);
    expect(more.metrics).toBeNull();
  });

  it("without a stored baseline nothing is new", () => {
    const s = fold(
      [1, 2, 3, 4, 5].map((i) => finding(`https://a/${i}`, "cors/reflected-origin")),
      null,
    );
    expect(s.newHighKeys.size).toBe(0);
    expect(s.findings).toBe(5);
  });

  it("retry pressure is known from the summary line; error lines after it give error pressure", () => {
    const s = fold([summary(44, 16, 3)], baseline);
    expect(liveTriggers(s, ctx).map((t) => t.kind)).toEqual(["retry_ratio"]);
    const e = fold(
      [
        summary(10, 0, 10),
        JSON.stringify({ url: "https://a/1", kind: "String", message: "request failed after retries" }),
        JSON.stringify({ url: null, kind: "String", message: "discovery" }),
      ],
      baseline,
    );
    expect(e.errorUrls.size).toBe(1);
    expect(liveTriggers(e, ctx).map((t) => t.kind)).toEqual(["error_pressure"]);
  });

  it("unreadable lines change nothing", () => {
    expect(fold(["", "not json", "42", "{}"], baseline)).toEqual(EMPTY_LIVE);
  });

  it("a kind already stored keeps its first firing; new kinds are added with when and how", () => {
    const first = mergeTriggers([], [{ kind: "high_spike", value: 4, threshold: 3, message: "4 new" }], {
      firedAt: "t1",
      during: "streaming",
      snapshot: {
        findings: 4,
        newHighCritical: 4,
        httpRequests: null,
        httpRetries: null,
        scanned: null,
        errorUrls: 0,
      },
    });
    const second = mergeTriggers(
      first.all,
      [
        { kind: "high_spike", value: 5, threshold: 3, message: "5 new" },
        { kind: "retry_ratio", value: 0.4, threshold: 0.35, message: "retry" },
      ],
      {
        firedAt: "t2",
        during: "after the run",
        snapshot: {
          findings: 9,
          newHighCritical: 5,
          httpRequests: 60,
          httpRetries: 24,
          scanned: 5,
          errorUrls: 0,
        },
      },
    );
    expect(second.added.map((t) => t.kind)).toEqual(["retry_ratio"]);
    expect(second.all.map((t) => [t.kind, t.firedAt, t.during])).toEqual([
      ["high_spike", "t1", "streaming"],
      ["retry_ratio", "t2", "after the run"],
    ]);
    expect(storedTriggers(JSON.parse(JSON.stringify(second.all)))).toHaveLength(2);
    expect(storedTriggers([null, 1, { kind: 3 }])).toEqual([]);
  });
});
