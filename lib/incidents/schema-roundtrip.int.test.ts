import { describe, expect, it } from "vitest";

import { getDb } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { IncidentRole, IncidentStatus, Severity, TimelineEventKind } from "@/lib/generated/prisma/enums";
import { setupAppDatabase } from "@/lib/testing/app-database";
import { TIMELINE_EVENT_KINDS } from "./event-kinds";
import { INCIDENT_ROLES } from "./roles";
import { SEVERITIES } from "@/lib/runbook/sev-levels";
import { STATUSES } from "./status";

/** The incidents part of schema.prisma and the migrated database agree: every model and field
 * round-trips through Prisma Client with every field set to a non-default value. */
setupAppDatabase();

const at = (s: number) => new Date(Date.UTC(2026, 10, 23, 10, 0, s, 123));

function expectAllScalarFields(row: object, fields: Record<string, string>) {
  expect(Object.keys(row).sort()).toEqual(Object.keys(fields).sort());
}

describe("incidents schema round-trip", () => {
  it("keeps every Incident, IncidentRoleAssignment and TimelineEvent field as written", async () => {
    const db = getDb();
    const incident = {
      id: 4242,
      title: "Checkout p95 over 50 ms — ünïcode ✓",
      severity: "SEV0" as const,
      status: "closed" as const,
      service: "api-optimizer",
      summary: "multi\nline",
      declaredBy: "Dana",
      declaredAt: at(1),
      investigatingAt: at(2),
      mitigatedAt: at(3),
      resolvedAt: at(4),
      closedAt: at(5),
      updatedAt: at(6),
    };
    expectAllScalarFields(incident, Prisma.IncidentScalarFieldEnum);
    await db.incident.create({ data: incident });
    // @updatedAt is set by the client on write, so compare everything else exactly.
    const read = await db.incident.findUniqueOrThrow({ where: { id: 4242 } });
    expect({ ...read, updatedAt: incident.updatedAt }).toEqual(incident);
    expect(read.updatedAt).toBeInstanceOf(Date);

    const role = {
      incidentId: 4242,
      role: "security" as const,
      person: "Sam",
      assignedBy: "Dana",
      assignedAt: at(7),
    };
    expectAllScalarFields(role, Prisma.IncidentRoleAssignmentScalarFieldEnum);
    await db.incidentRoleAssignment.create({ data: role });
    expect(await db.incidentRoleAssignment.findFirstOrThrow({ where: { incidentId: 4242 } })).toEqual(role);

    const event = {
      id: 777,
      incidentId: 4242,
      kind: "scanner_run" as const,
      actor: "collector",
      occurredAt: at(8),
      body: "**markdown** <script>",
      data: { nested: { list: [1, "two", null, true] }, n: 1.5 },
      pinned: true,
      pinnedBy: "Lee",
      pinnedAt: at(9),
    };
    expectAllScalarFields(event, Prisma.TimelineEventScalarFieldEnum);
    await db.timelineEvent.create({ data: event });
    expect(await db.timelineEvent.findUniqueOrThrow({ where: { id: 777 } })).toEqual(event);
  });

  it("accepts every enum value the app uses, and the app's lists match the schema's enums", async () => {
    expect(SEVERITIES).toEqual(Object.values(Severity));
    expect(STATUSES).toEqual(Object.values(IncidentStatus));
    expect(INCIDENT_ROLES).toEqual(Object.values(IncidentRole));
    expect(TIMELINE_EVENT_KINDS).toEqual(Object.values(TimelineEventKind));
    const db = getDb();
    for (const [i, severity] of SEVERITIES.entries()) {
      const status = STATUSES[i]!;
      const row = await db.incident.create({
        data: { title: "t", severity, status, service: "s", declaredBy: "d" },
      });
      expect(row).toMatchObject({ severity, status, summary: "" });
    }
    const { id } = await db.incident.create({
      data: { title: "t", severity: "SEV3", service: "s", declaredBy: "d" },
    });
    for (const role of INCIDENT_ROLES) {
      await db.incidentRoleAssignment.create({
        data: { incidentId: id, role, person: "p", assignedBy: "d" },
      });
    }
    for (const kind of TIMELINE_EVENT_KINDS) {
      expect((await db.timelineEvent.create({ data: { incidentId: id, kind, actor: "a" } })).kind).toBe(kind);
    }
    expect(await db.incidentRoleAssignment.count({ where: { incidentId: id } })).toBe(INCIDENT_ROLES.length);
  });
});
