import "server-only";

import { onIncidentDeclared } from "@/lib/incidents/declared-hooks";

import { startSeverityPlaybook } from "./runs";

/** Called right after an incident is declared: starts its SEV's playbook (runbook 001 ·
 * Severity Levels). A failure here never undoes the declaration; the incident page then
 * offers "Start this SEV's playbook". */
export async function startDeclaredPlaybook(incidentId: number, actor: { name: string }): Promise<void> {
  try {
    await startSeverityPlaybook(incidentId, actor);
  } catch (e) {
    console.error(`[playbooks] could not start the playbook of incident ${incidentId}`, e);
  }
}

// However the incident was declared (form, auto-declare, signal, alert). Registered wherever
// lib/boot starts work that can declare; the declare form also calls it itself (idempotent).
onIncidentDeclared("playbook", startDeclaredPlaybook);
