"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";

import { formDataToObject } from "@/lib/form-data";
import { defineAction } from "@/lib/server-action";
import { createService, deleteService, updateService } from "@/lib/services/commands";
import { formToServiceInput } from "@/lib/services/form";
import { serviceInputSchema, serviceUpdateSchema } from "@/lib/services/schema";

const create = defineAction(
  {
    schema: z.preprocess((v) => formToServiceInput(v as Record<string, unknown>), serviceInputSchema),
    permission: "service:write",
  },
  async (input) => ({ id: (await createService(input)).id }),
);

const update = defineAction(
  {
    schema: z.preprocess((v) => formToServiceInput(v as Record<string, unknown>), serviceUpdateSchema),
    permission: "service:write",
  },
  async ({ id, ...input }) => ({ id: (await updateService(id, input)).id }),
);

const remove = defineAction(
  { schema: z.object({ id: z.coerce.number().int().positive() }), permission: "service:write" },
  async ({ id }) => {
    await deleteService(id);
    return { id };
  },
);

/** On failure the submitted fields come back, so the form shows what was typed beside its errors. */
export type ServiceFormResult = Awaited<ReturnType<typeof create>> & { values?: Record<string, string> };

export async function createServiceAction(
  _prev: ServiceFormResult | null,
  form: FormData,
): Promise<ServiceFormResult> {
  const result = await create(form);
  if (result.ok) revalidatePath("/dashboards", "layout");
  return result.ok ? result : { ...result, values: formDataToObject(form) };
}

export async function updateServiceAction(
  _prev: ServiceFormResult | null,
  form: FormData,
): Promise<ServiceFormResult> {
  const result = await update(form);
  if (result.ok) revalidatePath("/dashboards", "layout");
  return result.ok ? result : { ...result, values: formDataToObject(form) };
}

export async function deleteServiceAction(input: { id: number }) {
  const result = await remove(input);
  if (result.ok) revalidatePath("/dashboards", "layout");
  return result;
}
