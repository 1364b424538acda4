import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getDb } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { setupAppDatabase } from "@/lib/testing/app-database";
import {
  addNote,
  addTemplateNote,
  assignRole,
  changeSeverity,
  changeStatus,
  declareIncident,
  setEventPinned,
} from "./commands";
import {
  getIncidentOrThrow,
  getIncidentReview,
  listIncidents,
  listOpenIncidentsForService,
  listTimeline,
} from "./queries";
import { testActor } from "@/lib/testing/actors";

const dana = testActor("responder", "Dana On-call");
const database = setupAppDatabase();
let sql: pg.Client;

beforeAll(async () => {
  sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
});

afterAll(async () => {
  await sql.end();
});

async function counts() {
  const r = await sql.query<{ incidents: string; events: string; roles: string }>(
    `SELECT (SELECT count(*) FROM incidents) AS incidents, (SELECT count(*) FROM timeline_events) AS events,
            (SELECT count(*) FROM incident_roles) AS roles`,
  );
  return r.rows[0];
}

async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (isAppError(e)) return { code: e.code, message: e.message, fieldErrors: e.fieldErrors };
    throw e;
  }
  throw new Error("expected a refusal");
}

const declare = (over: Record<string, unknown> = {}) =>
  declareIncident(
    {
      title: "Checkout p95 over 50 ms",
      severity: "SEV1",
      service: "api-optimizer",
      summary: "p95 61 ms",
      ...over,
    } as never,
    dana,
  );

describe("declare → note → status change", () => {
  it("declares with a 'declared' event, then records a note and a status change with its timestamp", async () => {
    const { id } = await declare();
    await addNote({ incidentId: id, body: "Looking at **cache**" }, dana);
    await changeStatus({ incidentId: id, to: "investigating" }, dana);

    const incident = await getIncidentOrThrow(id);
    expect(incident).toMatchObject({ status: "investigating", severity: "SEV1", declaredBy: "Dana On-call" });
    expect(incident.investigatingAt).toBeInstanceOf(Date);
    const events = await listTimeline(id);
    expect(events.map((e) => [e.kind, e.actor, e.data.to ?? null])).toEqual([
      ["status_change", "Dana On-call", "declared"],
      ["role_change", "Dana On-call", "Dana On-call"],
      ["note", "Dana On-call", null],
      ["status_change", "Dana On-call", "investigating"],
    ]);
    // The declarer is incident commander unless someone else is named.
    expect(incident.roles.map((r) => [r.role, r.person])).toEqual([["incident_commander", "Dana On-call"]]);
    expect(events[3]?.data).toEqual({ from: "declared", to: "investigating", reason: null, jump: false });
    // The status column's stamp and its event carry the same server time (one transaction).
    expect(events[3]?.occurredAt).toBe(incident.investigatingAt?.toISOString());
  });

  it("writes a declaration's initial events in the same transaction", async () => {
    const { id } = await declareIncident(
      { title: "Auto-declared", severity: "SEV0", service: "api-optimizer" },
      dana,
      {
        initialEvents: [
          { kind: "metric_breach", actor: "collector", body: "p95 120 ms > 50 ms", data: { metric: "p95" } },
        ],
      },
    );
    expect((await listTimeline(id)).map((e) => e.kind)).toEqual([
      "status_change",
      "role_change",
      "metric_breach",
    ]);
  });

  it("makes the named commander incident commander, and nobody when the automation declares", async () => {
    const named = await declare({ commander: "Lee Commander" });
    expect((await getIncidentOrThrow(named.id)).roles).toMatchObject([{ person: "Lee Commander" }]);
    const auto = { ...dana, via: "system", name: "Firebreak (auto)" } as typeof dana;
    const byAutomation = await declareIncident({ title: "Auto", severity: "SEV1", service: "api" }, auto);
    expect((await getIncidentOrThrow(byAutomation.id)).roles).toEqual([]);
  });

  it("skips to mitigated with a reason, records severity and role changes, and pins a note", async () => {
    const { id } = await declare();
    const note = await addTemplateNote(
      {
        incidentId: id,
        runTimestamp: "2026-11-23T09:58Z",
        targetSubset: "payments-*",
        command: "apihunter --active",
        metricsAtTrigger: "retry ratio 0.41",
        impactedScanners: "sqli",
        rollbackAction: "version=stable",
        followUp: "raise backoff",
      },
      dana,
    );
    await changeStatus({ incidentId: id, to: "mitigated", reason: "rolled back at once" }, dana);
    await changeSeverity({ incidentId: id, to: "SEV0", reason: "all traffic" }, dana);
    await assignRole({ incidentId: id, role: "incident_commander", person: "Lee" }, dana);
    await assignRole({ incidentId: id, role: "incident_commander", person: "Kim" }, dana);
    const pinned = await setEventPinned({ incidentId: id, eventId: note.id, pinned: true }, dana);
    expect(pinned).toMatchObject({ pinned: true, pinnedBy: "Dana On-call" });

    const incident = await getIncidentOrThrow(id);
    expect(incident).toMatchObject({ status: "mitigated", severity: "SEV0", investigatingAt: null });
    expect(incident.roles.map((r) => [r.role, r.person])).toEqual([["incident_commander", "Kim"]]);
    const events = await listTimeline(id);
    expect(events.map((e) => e.kind)).toEqual([
      "status_change",
      "role_change",
      "note",
      "status_change",
      "severity_change",
      "role_change",
      "role_change",
    ]);
    expect(events[2]?.data).toMatchObject({
      template: "apihunter_incident_notes",
      fields: { targetSubset: "payments-*" },
    });
    expect(events[3]?.data).toEqual({
      from: "declared",
      to: "mitigated",
      reason: "rolled back at once",
      jump: true,
    });
    expect(events[4]?.data).toEqual({ from: "SEV1", to: "SEV0", reason: "all traffic" });
    expect(events[6]?.data).toEqual({ role: "incident_commander", from: "Lee", to: "Kim" });
    expect(await listTimeline(id, { pinnedOnly: true })).toHaveLength(1);
    expect(await listTimeline(id, { kinds: ["role_change"], afterId: events[5]!.id })).toHaveLength(1);

    await setEventPinned({ incidentId: id, eventId: note.id, pinned: false }, dana);
    expect(await listTimeline(id, { pinnedOnly: true })).toHaveLength(0);

    const { review } = await getIncidentReview(id);
    expect(review.entries).toHaveLength(7);
    expect(review.clock).toMatchObject({ severity: "SEV0", state: "met" });
  });
});

describe("bad input is refused with a message and writes nothing", () => {
  it.each([
    ["an empty title", () => declare({ title: "" }), { title: ["Title is required"] }],
    [
      "SEV-7",
      () => declare({ severity: "SEV-7" }),
      { severity: ["Choose a severity: SEV-0, SEV-1, SEV-2 or SEV-3"] },
    ],
  ])("refuses a declaration with %s", async (_what, act, fieldErrors) => {
    const before = await counts();
    expect(await refusal(act())).toMatchObject({ code: "INVALID_INPUT", fieldErrors });
    expect(await counts()).toEqual(before);
  });

  it("refuses a 1 MB note", async () => {
    const { id } = await declare();
    const before = await counts();
    const r = await refusal(addNote({ incidentId: id, body: "x".repeat(1_048_576) }, dana));
    expect(r.code).toBe("INVALID_INPUT");
    expect(r.fieldErrors?.body?.[0]).toMatch(/Note is too long: 1,048,576 characters, at most 65,536/);
    expect(await counts()).toEqual(before);
  });

  it.each([
    ["a note", () => addNote({ incidentId: 987_654, body: "hello" }, dana)],
    ["a status change", () => changeStatus({ incidentId: 987_654, to: "investigating" }, dana)],
    ["a severity change", () => changeSeverity({ incidentId: 987_654, to: "SEV0" }, dana)],
    ["a role", () => assignRole({ incidentId: 987_654, role: "security", person: "Sam" }, dana)],
  ])("refuses %s on an unknown incident id with NOT_FOUND", async (_what, act) => {
    const before = await counts();
    expect(await refusal(act())).toEqual({
      code: "NOT_FOUND",
      message: "Incident 987654 does not exist.",
      fieldErrors: undefined,
    });
    expect(await counts()).toEqual(before);
  });

  it("refuses a status jump with no reason and leaves the incident as it was", async () => {
    const { id } = await declare();
    const before = await counts();
    const r = await refusal(changeStatus({ incidentId: id, to: "resolved" }, dana));
    expect(r).toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { reason: ["Skipping from Declared to Resolved needs a reason."] },
    });
    expect(await counts()).toEqual(before);
    expect((await getIncidentOrThrow(id)).status).toBe("declared");
  });

  it("refuses going back without a reason, the same severity and pinning another incident's event", async () => {
    const a = await declare();
    const b = await declare();
    await changeStatus({ incidentId: a.id, to: "investigating" }, dana);
    const before = await counts();
    expect(
      (await refusal(changeStatus({ incidentId: a.id, to: "declared" }, dana))).fieldErrors,
    ).toHaveProperty("reason");
    expect(
      (await refusal(changeSeverity({ incidentId: a.id, to: "SEV1" }, dana))).fieldErrors,
    ).toHaveProperty("to");
    const [bEvent] = await listTimeline(b.id);
    expect(
      (await refusal(setEventPinned({ incidentId: a.id, eventId: bEvent!.id, pinned: true }, dana))).code,
    ).toBe("NOT_FOUND");
    expect(await counts()).toEqual(before);
  });
});

describe("append-only timeline", () => {
  it("refuses DELETE and UPDATE of an event's content, but allows pinning", async () => {
    const { id } = await declare();
    const { id: eventId } = await addNote({ incidentId: id, body: "keep me" }, dana);
    await expect(sql.query("DELETE FROM timeline_events WHERE id = $1", [eventId])).rejects.toThrow(
      /append-only: DELETE refused/,
    );
    await expect(
      sql.query("UPDATE timeline_events SET body = 'gone' WHERE id = $1", [eventId]),
    ).rejects.toThrow(/only pinning may change/);
    await expect(
      getDb().timelineEvent.update({ where: { id: eventId }, data: { actor: "Mallory" } }),
    ).rejects.toThrow(/append-only/);
    await sql.query(
      "UPDATE timeline_events SET pinned = true, pinned_by = 'x', pinned_at = now() WHERE id = $1",
      [eventId],
    );
    const [, , note] = await listTimeline(id);
    expect(note).toMatchObject({ body: "keep me", actor: "Dana On-call", pinned: true });
  });
});

describe("concurrency", () => {
  it("applies one of two simultaneous identical status changes and writes one event", async () => {
    const { id } = await declare();
    const results = await Promise.allSettled([
      changeStatus({ incidentId: id, to: "investigating" }, dana),
      changeStatus({ incidentId: id, to: "investigating" }, testActor("responder", "Lee")),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const events = await listTimeline(id, { kinds: ["status_change"] });
    expect(events.filter((e) => e.data.to === "investigating")).toHaveLength(1);
  });

  it("serialises competing changes so each event's 'from' is the status it really left", async () => {
    const { id } = await declare();
    await Promise.allSettled([
      changeStatus({ incidentId: id, to: "investigating" }, dana),
      changeStatus({ incidentId: id, to: "mitigated", reason: "fixed" }, dana),
      changeStatus({ incidentId: id, to: "resolved", reason: "fixed" }, dana),
    ]);
    const changes = (await listTimeline(id, { kinds: ["status_change"] })).slice(1);
    let status = "declared";
    for (const e of changes) {
      expect(e.data.from).toBe(status);
      status = String(e.data.to);
    }
    expect((await getIncidentOrThrow(id)).status).toBe(status);
  });
});

describe("queries", () => {
  it("filters the list by status, severity and open-only, and lists a service's open incidents", async () => {
    const open = await declareIncident(
      { title: "Other service down", severity: "SEV2", service: "search" },
      dana,
    );
    const closed = await declareIncident({ title: "Search slow", severity: "SEV2", service: "search" }, dana);
    await changeStatus({ incidentId: closed.id, to: "closed", reason: "false alarm" }, dana);

    const ids = (items: { id: number }[]) => items.map((i) => i.id);
    expect(ids(await listIncidents({ severity: "SEV2" }))).toEqual([closed.id, open.id]);
    expect(ids(await listIncidents({ severity: "SEV2", openOnly: true }))).toEqual([open.id]);
    expect(ids(await listIncidents({ status: "closed" }))).toContain(closed.id);
    expect(ids(await listIncidents({ status: "closed", openOnly: true }))).toEqual([]);
    expect((await listOpenIncidentsForService("search")).map((i) => i.id)).toEqual([open.id]);
    expect((await listIncidents({ severity: "SEV2" }))[0]).toMatchObject({
      eventCount: 3,
      commander: "Dana On-call",
    });
  });
});
