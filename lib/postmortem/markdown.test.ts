import { describe, expect, it } from "vitest";

import type { TimelineEventDto } from "@/lib/incidents/types";

import { duration, generatePostmortem, mergeEditableSections, sectionsOf, sinceDeclared } from "./markdown";
import type { PostmortemData } from "./types";

const T0 = new Date("2026-11-28T09:00:00Z");
const at = (s: number) => new Date(T0.getTime() + s * 1000);
const pin = (
  id: number,
  s: number,
  kind: TimelineEventDto["kind"],
  body: string,
  data = {},
): TimelineEventDto => ({
  id,
  incidentId: 12,
  kind,
  actor: "Cora Commander",
  occurredAt: at(s).toISOString(),
  body,
  data,
  pinned: true,
  pinnedBy: "Cora Commander",
  pinnedAt: at(s + 1).toISOString(),
});

function data(over: Partial<PostmortemData> = {}): PostmortemData {
  return {
    incident: {
      id: 12,
      title: "checkout latency",
      severity: "SEV1",
      status: "resolved",
      service: "api-optimizer",
      summary: "",
      declaredBy: "Cora Commander",
      declaredAt: T0,
      mitigatedAt: at(12 * 60),
      resolvedAt: at(30 * 60 + 5),
      closedAt: null,
      roles: [{ role: "incident_commander", person: "Cora Commander" }],
    },
    pinned: [
      pin(1, 0, "status_change", "Declared", {
        from: null,
        to: "declared",
        severity: "SEV1",
        service: "api-optimizer",
        title: "checkout latency",
      }),
      pin(5, 185, "note", "Latency started with the 08:55 deploy\nsecond line"),
    ],
    actions: [
      {
        id: 4,
        label: "Emergency rollback",
        actor: "Cora Commander",
        target: "prod/api-optimizer",
        outcome: "succeeded",
        error: null,
        startedAt: at(190),
        durationMs: 812,
        verification: "verified",
        verifyDetail: "healthy",
        verifiedAt: at(222),
      },
      {
        id: 5,
        label: "Scale",
        actor: "Rafael Responder",
        target: "prod/api-optimizer",
        outcome: "failed",
        error: "forbidden",
        startedAt: at(300),
        durationMs: 20,
        verification: "not_applicable",
        verifyDetail: null,
        verifiedAt: null,
      },
    ],
    playbooks: [
      {
        title: "SEV-1 response",
        steps: [
          {
            title: "Assess",
            state: "done",
            actor: "Cora Commander",
            tookMs: 90_000,
            deadlineMs: 120_000,
            overdue: false,
          },
          {
            title: "Roll back",
            state: "done",
            actor: "Cora Commander",
            tookMs: 400_000,
            deadlineMs: 300_000,
            overdue: false,
          },
          {
            title: "Notify",
            state: "pending",
            actor: null,
            tookMs: null,
            deadlineMs: 300_000,
            overdue: true,
          },
        ],
      },
    ],
    charts: [],
    ...over,
  };
}

const NOW = at(3600);

describe("postmortem draft", () => {
  it("heads the draft with the incident's facts and roles", () => {
    const md = generatePostmortem(data(), NOW);
    expect(md.split("\n").slice(0, 8)).toEqual([
      "# Postmortem: #12 checkout latency",
      "",
      "- **Severity:** SEV-1 (Major Performance Degradation)",
      "- **Service:** api-optimizer",
      "- **Status:** Resolved",
      "- **Declared:** 2026-11-28 09:00:00 UTC by Cora Commander",
      "- **Incident Commander:** Cora Commander",
      "- **Generated:** 2026-11-28 10:00:00 UTC",
    ]);
  });

  it("lists exactly the pinned events as the timeline, oldest first, one line each", () => {
    const timeline = sectionsOf(generatePostmortem(data(), NOW)).get("Timeline");
    expect(timeline).toBe(
      [
        "- 09:00:00 UTC — Cora Commander: Declared SEV-1 on api-optimizer: checkout latency",
        "- 09:03:05 UTC — Cora Commander: Note: Latency started with the 08:55 deploy",
      ].join("\n"),
    );
  });

  it("says how to curate the timeline when nothing is pinned", () => {
    expect(sectionsOf(generatePostmortem(data({ pinned: [] }), NOW)).get("Timeline")).toMatch(
      /No pinned events/,
    );
  });

  it("lists each action with its outcome and a rollback with its verification time", () => {
    expect(sectionsOf(generatePostmortem(data(), NOW)).get("Actions and verification")).toBe(
      [
        "- 09:03:10 UTC — Emergency rollback #4 of prod/api-optimizer by Cora Commander: succeeded in 812 ms; verified at 09:03:42 UTC (32 s after it started)",
        "- 09:05:00 UTC — Scale #5 of prod/api-optimizer by Rafael Responder: **failed** — forbidden",
      ].join("\n"),
    );
  });

  it("puts each playbook step against its deadline: met, missed, or overdue while pending", () => {
    expect(sectionsOf(generatePostmortem(data(), NOW)).get("Playbook steps against deadlines")).toBe(
      [
        "### SEV-1 response",
        "",
        "- [x] Assess — done by Cora Commander at T+1m 30s (deadline T+2m 00s: met)",
        "- [x] Roll back — done by Cora Commander at T+6m 40s (deadline T+5m 00s: **missed**)",
        "- [ ] Notify — pending (deadline T+5m 00s: **overdue**)",
      ].join("\n"),
    );
  });

  it("gives the impact as times from the declaration and leaves the editable sections to people", () => {
    const sections = sectionsOf(generatePostmortem(data(), NOW));
    expect(sections.get("Impact")).toContain("- Mitigated after 12 min 00 s (09:12:00 UTC)");
    expect(sections.get("Impact")).toContain("- Resolved after 30 min 05 s (09:30:05 UTC)");
    expect(sections.get("Summary")).toBe("_To be written._");
    expect(sections.get("Contributing factors")).toBe("_To be written._");
    expect(sections.get("Follow-ups")).toBe("- [ ] _To be written._");
  });

  it("adds the metric charts as images when there are any", () => {
    const md = generatePostmortem(data({ charts: [{ label: "p95 latency (ms)", url: "/c.svg" }] }), NOW);
    expect(sectionsOf(md).get("Metrics")).toBe("![p95 latency (ms)](/c.svg)");
    expect(sectionsOf(generatePostmortem(data(), NOW)).has("Metrics")).toBe(false);
  });

  it("keeps the written sections of the saved version when the draft is regenerated", () => {
    const saved = generatePostmortem(data(), NOW)
      .replace(
        "## Contributing factors\n\n_To be written._",
        () => "## Contributing factors\n\nA cache flag flipped ($& kept).",
      )
      .replace(
        "## Follow-ups\n\n- [ ] _To be written._",
        "## Follow-ups\n\n- [ ] Alert on cache flag changes",
      );
    const fresh = generatePostmortem(data({ pinned: [] }), at(7200));
    const merged = sectionsOf(mergeEditableSections(fresh, saved));
    expect(merged.get("Contributing factors")).toBe("A cache flag flipped ($& kept).");
    expect(merged.get("Follow-ups")).toBe("- [ ] Alert on cache flag changes");
    expect(merged.get("Summary")).toBe("_To be written._");
    expect(merged.get("Timeline")).toMatch(/No pinned events/);
  });

  it("formats durations from the declaration", () => {
    expect(sinceDeclared(65_000)).toBe("T+1m 05s");
    expect(sinceDeclared(2 * 3600_000 + 5 * 60_000)).toBe("T+2h 05m");
    expect(duration(59_000)).toBe("59 s");
    expect(duration(3 * 3600_000 + 60_000)).toBe("3 h 01 min");
  });
});
