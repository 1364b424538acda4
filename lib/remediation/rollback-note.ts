import "server-only";

import type { Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { addTemplateNote } from "@/lib/incidents/commands";
import { latestValues } from "@/lib/metrics/store";
import { getServiceByName } from "@/lib/services/queries";

import { buildRollbackNoteFields } from "./rollback-note-fields";
import { getRun } from "./store";

/** Adds the runbook's structured incident note (seed 000 "Incident notes template"),
 * pre-filled from an action run and the service's latest metric values. */
export async function addRollbackNote(
  actionId: number,
  actor: Actor,
): Promise<{ id: number; incidentId: number }> {
  const run = await getRun(actionId);
  if (!run) throw new AppError("NOT_FOUND", `Action #${actionId} does not exist.`);
  if (run.incidentId === null)
    throw new AppError(
      "INVALID_INPUT",
      `Action #${actionId} belongs to no incident: there is no note to add.`,
    );
  const incidentId = run.incidentId;
  const service = await getServiceByName(run.service);
  const metrics = service ? await latestValues(service.id).catch(() => null) : null;
  const fields = buildRollbackNoteFields(run, metrics?.values ?? {}, metrics?.at ?? null);
  const note = await addTemplateNote({ incidentId, ...fields }, actor);
  return { id: note.id, incidentId };
}
