import { describe, expect, it } from "vitest";

import type { TimelineEventDto } from "@/lib/incidents/types";
import type { Severity } from "@/lib/runbook/sev-levels";
import { buildResponseReport, formatHitRate, formatMilestone, type ReportIncident } from "./response-metrics";

const T = Date.parse("2026-11-20T10:00:00.000Z");
const MIN = 60_000;
let nextId = 1;

function event(
  kind: TimelineEventDto["kind"],
  at: number,
  data: Record<string, unknown> = {},
): TimelineEventDto {
  return {
    id: nextId++,
    incidentId: 0,
    kind,
    actor: "Dana",
    occurredAt: new Date(at).toISOString(),
    body: "",
    data,
    pinned: false,
    pinnedBy: null,
    pinnedAt: null,
  };
}

function incident(
  severity: Severity,
  service: string,
  declared: number,
  opts: { events?: TimelineEventDto[]; mitigated?: number; resolved?: number } = {},
): ReportIncident {
  return {
    id: nextId++,
    severity,
    service,
    declaredAt: new Date(declared),
    mitigatedAt: opts.mitigated === undefined ? null : new Date(opts.mitigated),
    resolvedAt: opts.resolved === undefined ? null : new Date(opts.resolved),
    events: [
      event("status_change", declared, { from: null, to: "declared", severity }),
      event("role_change", declared, { role: "incident_commander", from: null, to: "Dana", declarer: true }),
      ...(opts.events ?? []),
    ],
  };
}

const investigating = (at: number) => event("status_change", at, { from: "declared", to: "investigating" });

// A: responds 1 ms before the SEV-1 target, mitigated at 20 min, resolved at 60 min.
const a = incident("SEV1", "checkout", T, {
  events: [investigating(T + 5 * MIN - 1)],
  mitigated: T + 20 * MIN,
  resolved: T + 60 * MIN,
});
// B: responds exactly at the target (a miss), jumps straight to resolved at 30 min.
const b = incident("SEV1", "checkout", T, { events: [investigating(T + 5 * MIN)], resolved: T + 30 * MIN });
// C: the automation's breach at 1 min is no response; the acknowledgement at 2 min is.
const c = incident("SEV1", "search", T, {
  events: [event("metric_breach", T + MIN, { to: "SEV1" }), event("acknowledgement", T + 2 * MIN)],
});
// D: declared SEV-2, escalated to SEV-0 at 3 min: counted as SEV-0 (2 min target), missed.
const d = incident("SEV2", "checkout", T, {
  events: [event("severity_change", T + 3 * MIN, { from: "SEV2", to: "SEV0" })],
});
const now = new Date(T + 90 * MIN);
// E: SEV-3 declared 30 min before now, nobody yet: still open (1 h target). F: 150 min ago, missed.
const e = incident("SEV3", "cache", T + 60 * MIN);
const f = incident("SEV3", "cache", T - 60 * MIN);

const report = buildResponseReport([a, b, c, d, e, f], now);
const bySev = (s: Severity) => report.severities.find((r) => r.severity === s)!;

describe("response report", () => {
  it("averages MTTA, MTTM and MTTR over the SEV-1 incidents that reached each milestone", () => {
    const sev1 = bySev("SEV1");
    expect(sev1.count).toBe(3);
    expect(sev1.mtta).toEqual({ meanMs: (5 * MIN - 1 + 5 * MIN + 2 * MIN) / 3, reached: 3, of: 3 });
    // B's resolution at 30 min stands in for its mitigation.
    expect(sev1.mttm).toEqual({ meanMs: 25 * MIN, reached: 2, of: 3 });
    expect(sev1.mttr).toEqual({ meanMs: 45 * MIN, reached: 2, of: 3 });
  });

  it("counts a response exactly at the target as a miss ('< 5 minutes')", () => {
    expect(bySev("SEV1").target).toEqual({ met: 2, missed: 1, open: 0, rate: 2 / 3 });
    expect(formatHitRate(bySev("SEV1").target)).toBe("67 % (2 of 3)");
  });

  it("files an escalated incident under its most severe SEV and holds it to that target", () => {
    expect(bySev("SEV2").count).toBe(0);
    const sev0 = bySev("SEV0");
    expect(sev0).toMatchObject({ count: 1, targetMs: 2 * MIN, mtta: { meanMs: 3 * MIN, reached: 1, of: 1 } });
    expect(sev0.target).toEqual({ met: 0, missed: 1, open: 0, rate: 0 });
  });

  it("leaves unanswered incidents out of MTTA and open until their target passes", () => {
    const sev3 = bySev("SEV3");
    expect(sev3.mtta).toEqual({ meanMs: null, reached: 0, of: 2 });
    expect(sev3.target).toEqual({ met: 0, missed: 1, open: 1, rate: 0 });
    expect(formatMilestone(sev3.mtta)).toBe("— (0 of 2)");
    expect(formatHitRate(bySev("SEV2").target)).toBe("—");
  });

  it("counts incidents per service, most first, split by SEV", () => {
    expect(report.total).toBe(6);
    expect(report.services).toEqual([
      { service: "checkout", count: 3, bySeverity: { SEV0: 1, SEV1: 2, SEV2: 0, SEV3: 0 } },
      { service: "cache", count: 2, bySeverity: { SEV0: 0, SEV1: 0, SEV2: 0, SEV3: 2 } },
      { service: "search", count: 1, bySeverity: { SEV0: 0, SEV1: 1, SEV2: 0, SEV3: 0 } },
    ]);
  });

  it("reads means as durations with how many incidents reached them", () => {
    expect(formatMilestone(bySev("SEV1").mtta)).toBe("4 min (3 of 3)");
    expect(formatMilestone(bySev("SEV1").mttm)).toBe("25 min (2 of 3)");
    expect(formatMilestone({ meanMs: 4 * MIN + 12_000, reached: 1, of: 1 })).toBe("4 min 12 s (1 of 1)");
  });
});
