import { describe, expect, it } from "vitest";

import { summarizeEvent } from "./event-summary";
import type { TimelineEventDto } from "./types";

const ev = (scan: unknown, body = "raw body"): TimelineEventDto => ({
  id: 1,
  incidentId: 1,
  kind: "scanner_run",
  actor: "Firebreak (ApiHunter scan)",
  occurredAt: "2026-11-28T10:00:00.000Z",
  body,
  data: { scan },
  pinned: false,
  pinnedBy: null,
  pinnedAt: null,
});
const base = { scanId: 12, environment: "staging", stage: "canary2" };

describe("scanner_run events read as sentences", () => {
  it.each([
    [
      { ...base, event: "trigger", trigger: "retry ratio 0.400 > 0.35", during: "while streaming" },
      "Rollback trigger on scan #12 (stage 2 canary, staging) while streaming: retry ratio 0.400 > 0.35",
    ],
    [
      { ...base, stage: "back-to-passive", event: "requested", urls: 10 },
      "Requested scan #12 (back-to-passive rerun, staging) on 10 URLs",
    ],
    [
      { ...base, event: "finished", status: "completed", findings: 9, newHighCritical: 0, triggers: 1 },
      "Scanner scan #12 (stage 2 canary, staging) completed: 9 findings, 0 new HIGH/CRITICAL vs the baseline; 1 rollback trigger fired",
    ],
    [
      {
        ...base,
        stage: "back-to-passive",
        event: "finished",
        status: "completed",
        findings: 1,
        newHighCritical: null,
        triggers: 0,
      },
      "Scanner scan #12 (back-to-passive rerun, staging) completed: 1 finding; no rollback trigger",
    ],
    [
      { ...base, event: "finished", status: "timed_out", reason: "Stopped at the wall-clock limit of 60 s." },
      "Scanner scan #12 (stage 2 canary, staging) timed out: Stopped at the wall-clock limit of 60 s.",
    ],
  ])("%o", (scan, sentence) => {
    expect(summarizeEvent(ev(scan))).toBe(sentence);
  });

  it("an event without scan data falls back to its body", () => {
    expect(summarizeEvent(ev(undefined, "Something the scanner said"))).toBe("Something the scanner said");
  });
});
