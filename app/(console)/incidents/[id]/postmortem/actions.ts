"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";

import { incidentIdSchema } from "@/lib/incidents/schemas";
import { MAX_POSTMORTEM_CHARS, savePostmortemVersion } from "@/lib/postmortem/store";
import { defineAction, type ActionResult } from "@/lib/server-action";

const save = defineAction(
  {
    schema: z.object({
      incidentId: incidentIdSchema,
      markdown: z.string().trim().min(1, "The postmortem is empty").max(MAX_POSTMORTEM_CHARS),
    }),
    permission: "incident:write",
    name: "postmortem.save",
  },
  async ({ incidentId, markdown }, { actor }) => {
    const out = await savePostmortemVersion(incidentId, markdown, actor);
    revalidatePath(`/incidents/${incidentId}/postmortem`);
    return out;
  },
);

export async function savePostmortemAction(input: unknown): Promise<ActionResult<{ version: number }>> {
  return save(input);
}
