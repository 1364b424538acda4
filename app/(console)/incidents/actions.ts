"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { defineAction } from "@/lib/server-action";
import { declareIncident } from "@/lib/incidents/commands";
import { startDeclaredPlaybook } from "@/lib/playbooks/on-declare";
import { formDataToObject } from "@/lib/form-data";
import type { FormState } from "@/lib/incidents/form-state";
import { declareIncidentSchema } from "@/lib/incidents/schemas";

const declare = defineAction(
  { schema: declareIncidentSchema, permission: "incident:write" },
  async (input, { actor }) => {
    const incident = await declareIncident(input, actor);
    await startDeclaredPlaybook(incident.id, actor);
    return incident;
  },
);

export async function declareIncidentAction(_prev: FormState<{ id: number }> | null, formData: FormData) {
  const result = await declare(formData);
  if (!result.ok)
    return { ...result, values: formDataToObject(formData) } satisfies FormState<{ id: number }>;
  revalidatePath("/incidents");
  redirect(`/incidents/${result.data.id}`);
}
