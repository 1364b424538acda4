import { describe, expect, it } from "vitest";

import { getDb } from "@/lib/db/client";
import { testActor } from "@/lib/testing/actors";
import { setupAppDatabase } from "@/lib/testing/app-database";
import { assignRole, declareIncident } from "./commands";
import { appendTimelineEvent } from "./events";
import { getIncidentOrThrow } from "./queries";
import { getResponseClock } from "./review-reads";

// The response clock's SQL rule (RESPONSE_WHERE) against real rows: events whose data lacks the
// keys the rule looks at must still count, and only what the automation marks as its own is skipped.
setupAppDatabase();
const dana = testActor("commander", "Dana On-call");

async function clockOf(incidentId: number) {
  return getResponseClock(await getIncidentOrThrow(incidentId));
}

describe("response clock from the database", () => {
  it("counts a role assignment as the response, and not the declarer taking command with the declaration", async () => {
    const { id } = await declareIncident(
      { title: "Checkout slow", severity: "SEV1", service: "checkout" },
      dana,
    );
    expect((await clockOf(id)).response).toBeNull();

    await assignRole({ incidentId: id, role: "technical_lead", person: "Tom Lead" }, dana);
    const clock = await clockOf(id);
    expect(clock.response).toMatchObject({ actor: "Dana On-call", kind: "role_change" });
    expect(clock.state).toBe("met");
  });

  it("skips what the automation records as its own, then counts the first note", async () => {
    const { id } = await declareIncident(
      { title: "Search errors", severity: "SEV2", service: "search" },
      dana,
    );
    await appendTimelineEvent({
      incidentId: id,
      kind: "action",
      actor: "Firebreak",
      body: "Notified #incidents (declared)",
      data: { auto: true },
    });
    expect((await clockOf(id)).response).toBeNull();

    await appendTimelineEvent({ incidentId: id, kind: "note", actor: "Dana On-call", body: "looking" });
    const note = await getDb().timelineEvent.findFirstOrThrow({ where: { incidentId: id, kind: "note" } });
    expect((await clockOf(id)).response).toMatchObject({ kind: "note", eventId: note.id });
  });
});
