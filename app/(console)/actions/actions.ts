"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";

import { defineAction } from "@/lib/action";
import { addRollbackNote } from "@/lib/actions/rollback-note";
import { runAction } from "@/lib/actions/run-action";
import { actionRequestSchema } from "@/lib/actions/schemas";

/** Thin: defineAction parses, authorizes (cluster:act) and maps errors; lib/actions does the work. */
const run = defineAction({ schema: actionRequestSchema, permission: "cluster:act" }, async (input, { actor }) => {
  const result = await runAction(input, actor);
  revalidatePath("/actions");
  return result;
});

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
