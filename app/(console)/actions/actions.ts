"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";

import { defineAction } from "@/lib/server-action";
import { addRollbackNote } from "@/lib/remediation/rollback-note";
import { runGuardedAction } from "@/lib/approvals/run-guarded";
import { actionRequestSchema } from "@/lib/remediation/schemas";

/** Thin: defineAction parses, authorizes (cluster:act) and maps errors; lib/approvals checks the
 * allowlist and approval policy and runs it as the person through lib/remediation. */
const run = defineAction(
  { schema: actionRequestSchema, permission: "cluster:act", name: "action.run" },
  async (input, { actor }) => {
    const result = await runGuardedAction(input, actor);
    revalidatePath("/actions");
    return result;
  },
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
