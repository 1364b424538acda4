"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { defineAction } from "@/lib/server-action";
import { declareIncident } from "@/lib/incidents/commands";
import { formDataToObject } from "@/lib/form-data";
import type { FormState } from "@/lib/incidents/form-state";
import { declareIncidentSchema } from "@/lib/incidents/schemas";

const declare = defineAction(
  { schema: declareIncidentSchema, permission: "incident:write" },
  (input, { actor }) => declareIncident(input, actor),
);

export async function declareIncidentAction(_prev: FormState<{ id: number }> | null, formData: FormData) {
  const result = await declare(formData);
  if (!result.ok)
    return { ...result, values: formDataToObject(formData) } satisfies FormState<{ id: number }>;
  revalidatePath("/incidents");
  redirect(`/incidents/${result.data.id}`);
}
