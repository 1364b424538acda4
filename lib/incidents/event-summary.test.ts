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
      "Status Declared → Mitigated — reason: rolled back",
    ],
    [ev("severity_change", { from: "SEV2", to: "SEV0", reason: null }), "Severity SEV-2 → SEV-0"],
    [ev("role_change", { role: "incident_commander", from: null, to: "Lee" }), "Incident Commander: Lee"],
    [ev("role_change", { role: "security", from: "Lee", to: "Kim" }), "Security: Lee → Kim"],
    [ev("note", {}, "first line\nsecond"), "Note: first line"],
    [ev("note", { template: "apihunter_incident_notes", fields: {} }), "Incident notes (ApiHunter template)"],
    [ev("action", { kind: "rollback" }, "Rolled back api-optimizer"), "Action: Rolled back api-optimizer"],
    [ev("playbook_step", {}), "Playbook step"],
  ])("summarises %# as %j", (event, text) => {
    expect(summarizeEvent(event)).toBe(text);
  });
});
