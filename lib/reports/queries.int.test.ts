import { afterEach, describe, expect, it, vi } from "vitest";

import { getDb } from "@/lib/db/client";
import { changeStatus, declareIncident } from "@/lib/incidents/commands";
import { appendTimelineEvent } from "@/lib/incidents/events";
import { setupAppDatabase } from "@/lib/testing/app-database";
import { testActor } from "@/lib/testing/actors";
import { loadResponseReport, readReportIncidents } from "./queries";

setupAppDatabase();
const dana = testActor("responder", "Dana On-call");
const MIN = 60_000;
const from = new Date("2026-11-10T00:00:00.000Z");
const to = new Date("2026-11-17T00:00:00.000Z");
const H = 3_600_000;

/** The commands stamp changes with the server clock: move only `Date` to the moment wanted. */
async function at<T>(ms: number, fn: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(ms);
  try {
    return await fn();
  } finally {
    vi.useRealTimers();
  }
}

const declare = (atMs: number, severity: "SEV1" | "SEV2", service: string) =>
  at(atMs, () => declareIncident({ title: `${service} slow`, severity, service }, dana)).then((r) => r.id);

const status = (atMs: number, incidentId: number, next: string, reason?: string) =>
  at(atMs, () => changeStatus({ incidentId, to: next, reason }, dana));

afterEach(() => vi.useRealTimers());

describe("response report from the database", () => {
  it("computes MTTA, MTTM, MTTR, target hits and services for the incidents declared in the period", async () => {
    // 1: SEV-1 checkout, investigating 1 ms before the 5 min target, mitigated 20 min, resolved 50 min.
    const t1 = from.getTime() + H;
    const i1 = await declare(t1, "SEV1", "checkout");
    await status(t1 + 5 * MIN - 1, i1, "investigating");
    await status(t1 + 20 * MIN, i1, "mitigated");
    await status(t1 + 50 * MIN, i1, "resolved");
    // 2: SEV-1 checkout, investigating exactly at the target (a miss), then straight to resolved at 40 min.
    const t2 = from.getTime() + 2 * H;
    const i2 = await declare(t2, "SEV1", "checkout");
    await status(t2 + 5 * MIN, i2, "investigating");
    await status(t2 + 40 * MIN, i2, "resolved", "rolled back and verified");
    // 3: SEV-2 search; the automation's breach at 1 min is no response; escalated to SEV-0 at 3 min.
    const t3 = from.getTime() + 3 * H;
    const i3 = await declare(t3, "SEV2", "search");
    await appendTimelineEvent({
      incidentId: i3,
      kind: "metric_breach",
      actor: "Firebreak",
      occurredAt: new Date(t3 + MIN),
      data: { to: "SEV2" },
    });
    await getDb().incident.update({ where: { id: i3 }, data: { severity: "SEV0" } });
    await appendTimelineEvent({
      incidentId: i3,
      kind: "severity_change",
      actor: dana.name,
      occurredAt: new Date(t3 + 3 * MIN),
      data: { from: "SEV2", to: "SEV0", reason: null },
    });
    // Outside the period: the day before, and exactly at its (excluded) end.
    const before = await declare(from.getTime() - 24 * H, "SEV1", "checkout");
    await status(from.getTime() - 24 * H + MIN, before, "investigating");
    await declare(to.getTime(), "SEV1", "checkout");

    const incidents = await readReportIncidents(from, to);
    expect(incidents.map((i) => i.id)).toEqual([i1, i2, i3]);

    const report = await loadResponseReport(from, to, new Date(to.getTime() + H));
    const sev = (s: string) => report.severities.find((r) => r.severity === s)!;
    expect(report.total).toBe(3);
    expect(sev("SEV1")).toMatchObject({
      count: 2,
      mtta: { meanMs: (5 * MIN - 1 + 5 * MIN) / 2, reached: 2, of: 2 },
      mttm: { meanMs: (20 * MIN + 40 * MIN) / 2, reached: 2, of: 2 },
      mttr: { meanMs: (50 * MIN + 40 * MIN) / 2, reached: 2, of: 2 },
      target: { met: 1, missed: 1, open: 0, rate: 0.5 },
    });
    expect(sev("SEV0")).toMatchObject({
      count: 1,
      mtta: { meanMs: 3 * MIN, reached: 1, of: 1 },
      mttm: { meanMs: null, reached: 0, of: 1 },
      mttr: { meanMs: null, reached: 0, of: 1 },
      target: { met: 0, missed: 1, open: 0, rate: 0 },
    });
    expect(sev("SEV2").count).toBe(0);
    expect(report.services.map((s) => [s.service, s.count])).toEqual([
      ["checkout", 2],
      ["search", 1],
    ]);
  });
});
