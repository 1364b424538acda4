import { describe, expect, it } from "vitest";

import { summarizeEvent } from "./event-summary";
import type { TimelineEventDto } from "./types";

const ev = (kind: TimelineEventDto["kind"], data: Record<string, unknown>, body = ""): TimelineEventDto => ({
  id: 1,
  incidentId: 1,
  kind,
  actor: "Dana",
  occurredAt: "2026-11-23T10:00:00.000Z",
  body,
  data,
  pinned: false,
  pinnedBy: null,
  pinnedAt: null,
});

describe("summarizeEvent", () => {
  it.each([
    [
      ev("status_change", { from: null, to: "declared", severity: "SEV1", service: "api" }),
      "Declared SEV-1 on api",
    ],
    [
      ev("status_change", { from: "declared", to: "mitigated", reason: "rolled back" }),
      "Moved the incident from Declared to Mitigated",
    ],
    [
      ev("severity_change", { from: "SEV2", to: "SEV0", reason: null }),
      "Changed the severity from SEV-2 to SEV-0",
    ],
    [ev("role_change", { role: "incident_commander", from: null, to: "Lee" }), "Made Lee Incident Commander"],
    [
      ev("role_change", { role: "incident_commander", from: null, to: "Lee", declarer: true }),
      "Lee is Incident Commander (declared the incident)",
    ],
    [ev("role_change", { role: "security", from: "Lee", to: "Kim" }), "Made Kim Security (was Lee)"],
    [ev("acknowledgement", {}), "Acknowledged the page and is responding"],
    [
      ev("metric_breach", { from: "SEV1", to: null }),
      "SEV cleared (was SEV-1): all metrics within thresholds",
    ],
    [ev("metric_breach", { from: null, to: "SEV1" }), "Metrics put the service at SEV-1"],
    [ev("note", {}, "first line\nsecond"), "Note: first line"],
    [ev("note", { template: "apihunter_incident_notes", fields: {} }), "Incident notes (ApiHunter template)"],
    [ev("action", { kind: "rollback" }, "Rolled back api-optimizer"), "Rolled back api-optimizer"],
    [ev("playbook_step", {}), "Playbook step"],
  ])("summarises %# as %j", (event, text) => {
    expect(summarizeEvent(event)).toBe(text);
  });
});
