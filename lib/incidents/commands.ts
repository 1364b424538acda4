import "server-only";

import type { Actor } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { AppError, guardDb } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { runChangedHooks } from "./change-hooks";
import { runDeclaredHooks } from "./declared-hooks";
import { appendTimelineEvent, type NewTimelineEvent } from "./events";
import { toEventDto } from "./mappers";
import { parseInput } from "./parse-input";
import { ROLE_LABELS } from "./roles";
import {
  acknowledgeSchema,
  addNoteSchema,
  addTemplateNoteSchema,
  assignRoleSchema,
  changeSeveritySchema,
  changeStatusSchema,
  declareIncidentSchema,
  pinEventSchema,
  TEMPLATE_NOTE_FIELDS,
  TEMPLATE_NOTE_KIND,
  type DeclareIncidentInput,
} from "./schemas";
import { SEVERITY_LEVELS, type Severity } from "@/lib/runbook/sev-levels";
import { planStatusChange, type IncidentStatus } from "./status";
import type { TimelineEventDto } from "./types";

/** Incident writes. Each one validates its input, locks the incident row (SELECT … FOR UPDATE,
 * so concurrent changes serialise and re-read the current state) and writes the change and its
 * timeline event in one transaction. Nothing is written when anything fails. */
type Tx = Prisma.TransactionClient;
type Locked = { status: IncidentStatus; severity: Severity };

function inTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return guardDb(() => getDb().$transaction(fn, { maxWait: 5_000, timeout: 10_000 }));
}

async function lockIncident(tx: Tx, incidentId: number): Promise<Locked> {
  const rows = await tx.$queryRaw<Locked[]>`
    SELECT status::text AS status, severity::text AS severity
    FROM incidents WHERE id = ${incidentId} FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new AppError("NOT_FOUND", `Incident ${incidentId} does not exist.`);
  return row;
}

export async function declareIncident(
  input: DeclareIncidentInput,
  actor: Actor,
  opts: { initialEvents?: Array<Omit<NewTimelineEvent, "incidentId">> } = {},
): Promise<{ id: number }> {
  const { commander, ...data } = parseInput(declareIncidentSchema, input);
  // The declarer is incident commander unless someone else is named; the automation never is.
  const commanderName = commander ?? (actor.via === "system" ? null : actor.name);
  const declared = await inTransaction(async (tx) => {
    const now = new Date();
    const incident = await tx.incident.create({
      data: { ...data, declaredBy: actor.name, declaredAt: now },
      select: { id: true },
    });
    await appendTimelineEvent(
      {
        incidentId: incident.id,
        kind: "status_change",
        actor: actor.name,
        occurredAt: now,
        body: `Declared ${SEVERITY_LEVELS[data.severity].label} on ${data.service}: ${data.title}`,
        data: {
          from: null,
          to: "declared",
          severity: data.severity,
          service: data.service,
          title: data.title,
        },
      },
      tx,
    );
    if (commanderName) {
      await tx.incidentRoleAssignment.create({
        data: {
          incidentId: incident.id,
          role: "incident_commander",
          person: commanderName,
          assignedBy: actor.name,
        },
      });
      await appendTimelineEvent(
        {
          incidentId: incident.id,
          kind: "role_change",
          actor: actor.name,
          occurredAt: now,
          data: { role: "incident_commander", from: null, to: commanderName, declarer: true },
        },
        tx,
      );
    }
    for (const event of opts.initialEvents ?? [])
      await appendTimelineEvent({ ...event, incidentId: incident.id }, tx);
    return incident;
  });
  await runDeclaredHooks(declared.id, actor);
  return declared;
}

/** Returns the stored event, so its author's timeline shows the confirmed note at once. */
export async function addNote(input: unknown, actor: Actor): Promise<TimelineEventDto> {
  const { incidentId, body } = parseInput(addNoteSchema, input);
  return inTransaction(async (tx) => {
    await lockIncident(tx, incidentId);
    const { id } = await appendTimelineEvent({ incidentId, kind: "note", actor: actor.name, body }, tx);
    return toEventDto(await tx.timelineEvent.findUniqueOrThrow({ where: { id } }));
  });
}

/** "I have the page and I am on it": the explicit response of a paged responder, once per person. */
export async function acknowledgeIncident(input: unknown, actor: Actor): Promise<{ eventId: number }> {
  const { incidentId } = parseInput(acknowledgeSchema, input);
  return inTransaction(async (tx) => {
    await lockIncident(tx, incidentId);
    const already = await tx.timelineEvent.findFirst({
      where: { incidentId, kind: "acknowledgement", actor: actor.name },
      select: { id: true },
    });
    if (already) throw new AppError("CONFLICT", `${actor.name} has already acknowledged this incident.`);
    const event = await appendTimelineEvent({ incidentId, kind: "acknowledgement", actor: actor.name }, tx);
    return { eventId: event.id };
  });
}

/** The ApiHunter runbook's incident-notes template as a structured note (rendered as a card);
 * the body repeats it as Markdown so every timeline reader can show it. */
export async function addTemplateNote(input: unknown, actor: Actor): Promise<{ id: number }> {
  const { incidentId, ...fields } = parseInput(addTemplateNoteSchema, input);
  const body = TEMPLATE_NOTE_FIELDS.map((f) => `**${f.label}:** ${fields[f.key]}`).join("\n\n");
  return inTransaction(async (tx) => {
    await lockIncident(tx, incidentId);
    return appendTimelineEvent(
      { incidentId, kind: "note", actor: actor.name, body, data: { template: TEMPLATE_NOTE_KIND, fields } },
      tx,
    );
  });
}

export async function changeStatus(
  input: unknown,
  actor: Actor,
): Promise<{ eventId: number; status: IncidentStatus }> {
  const { incidentId, to, reason } = parseInput(changeStatusSchema, input);
  const changed = await inTransaction(async (tx) => {
    const current = await lockIncident(tx, incidentId);
    const plan = planStatusChange(current.status, to, reason);
    if (!plan.ok) throw new AppError("INVALID_INPUT", plan.error, { [plan.field]: [plan.error] });
    const cleared = Object.fromEntries(plan.clearedFields.map((f) => [f, null]));
    const now = new Date();
    await tx.incident.update({
      where: { id: incidentId },
      data: { ...cleared, status: to, [plan.timestampField]: now },
    });
    const event = await appendTimelineEvent(
      {
        incidentId,
        kind: "status_change",
        actor: actor.name,
        occurredAt: now,
        body: plan.reason ?? "",
        data: { from: plan.from, to: plan.to, reason: plan.reason, jump: plan.isJump },
      },
      tx,
    );
    return { eventId: event.id, status: to, from: plan.from, reason: plan.reason ?? null };
  });
  const { from, reason: why } = changed;
  await runChangedHooks({ type: "status", incidentId, actor: actor.name, from, to, reason: why });
  return { eventId: changed.eventId, status: to };
}

export async function changeSeverity(input: unknown, actor: Actor): Promise<{ eventId: number }> {
  const { incidentId, to, reason } = parseInput(changeSeveritySchema, input);
  return inTransaction(async (tx) => {
    const current = await lockIncident(tx, incidentId);
    if (current.severity === to) {
      const message = `The incident is already ${SEVERITY_LEVELS[to].label}.`;
      throw new AppError("INVALID_INPUT", message, { to: [message] });
    }
    await tx.incident.update({ where: { id: incidentId }, data: { severity: to } });
    const event = await appendTimelineEvent(
      {
        incidentId,
        kind: "severity_change",
        actor: actor.name,
        body: reason ?? "",
        data: { from: current.severity, to, reason: reason ?? null },
      },
      tx,
    );
    return { eventId: event.id };
  });
}

export async function assignRole(input: unknown, actor: Actor): Promise<{ eventId: number }> {
  const { incidentId, role, person } = parseInput(assignRoleSchema, input);
  return inTransaction(async (tx) => {
    await lockIncident(tx, incidentId);
    const previous = await tx.incidentRoleAssignment.findUnique({
      where: { incidentId_role: { incidentId, role } },
    });
    if (previous?.person === person) {
      const message = `${person} is already the ${ROLE_LABELS[role]}.`;
      throw new AppError("INVALID_INPUT", message, { person: [message] });
    }
    await tx.incidentRoleAssignment.upsert({
      where: { incidentId_role: { incidentId, role } },
      create: { incidentId, role, person, assignedBy: actor.name },
      update: { person, assignedBy: actor.name, assignedAt: new Date() },
    });
    const event = await appendTimelineEvent(
      {
        incidentId,
        kind: "role_change",
        actor: actor.name,
        data: { role, from: previous?.person ?? null, to: person },
      },
      tx,
    );
    return { eventId: event.id };
  });
}

/** Pinning is the one change the append-only timeline allows (the DB trigger refuses any other). */
export async function setEventPinned(input: unknown, actor: Actor): Promise<TimelineEventDto> {
  const { incidentId, eventId, pinned } = parseInput(pinEventSchema, input);
  return inTransaction(async (tx) => {
    await lockIncident(tx, incidentId);
    const found = await tx.timelineEvent.findFirst({
      where: { id: eventId, incidentId },
      select: { id: true },
    });
    if (!found)
      throw new AppError("NOT_FOUND", `Event ${eventId} is not on incident ${incidentId}'s timeline.`);
    const row = await tx.timelineEvent.update({
      where: { id: eventId },
      data: pinned
        ? { pinned: true, pinnedBy: actor.name, pinnedAt: new Date() }
        : { pinned: false, pinnedBy: null, pinnedAt: null },
    });
    return toEventDto(row);
  });
}
