"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";

import { defineAction } from "@/lib/server-action";
import { addRollbackNote } from "@/lib/remediation/rollback-note";
import { runGuardedAction } from "@/lib/approvals/run-guarded";
import { actionRequestSchema } from "@/lib/remediation/schemas";

/** Thin: defineAction parses, authorizes (cluster:act) and maps errors; lib/approvals checks the
 * allowlist and approval policy and runs it as the person through lib/remediation. The answer is
 * the result alone (no page re-rendered into it): the dialog refreshes the incident's live data
 * once it arrives, and the actions list is rendered per request. */
const run = defineAction(
  { schema: actionRequestSchema, permission: "cluster:act", name: "action.run" },
  (input, { actor, audit, afterAnswer }) => runGuardedAction(input, actor, { audit, afterAnswer }),
);

const note = defineAction(
  { schema: z.object({ actionId: z.coerce.number().int().positive() }), permission: "incident:write" },
  async ({ actionId }, { actor }) => {
    const result = await addRollbackNote(actionId, actor);
    revalidatePath(`/incidents/${result.incidentId}`);
    return result;
  },
);

export async function runClusterActionAction(input: unknown) {
  return run(input);
}

export async function addRollbackNoteAction(input: unknown) {
  return note(input);
}
