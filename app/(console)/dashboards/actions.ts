"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";

import { defineAction } from "@/lib/server-action";
import { declareFromSignal } from "@/lib/severity/tracker";
import { setAutoDeclare } from "@/lib/services/commands";

const serviceId = z.coerce.number().int().positive();

const declare = defineAction(
  { schema: z.object({ serviceId }), permission: "incident:write" },
  ({ serviceId }, { actor }) => declareFromSignal(serviceId, actor),
);

const autoDeclare = defineAction(
  { schema: z.object({ serviceId, enabled: z.boolean() }), permission: "service:write" },
  ({ serviceId, enabled }) => setAutoDeclare(serviceId, enabled),
);

/** "Declare incident" on the overview: SEV, service and metric snapshot come from the server's
 * current computed state, not from the browser. */
export async function declareFromSignalAction(input: { serviceId: number }) {
  const result = await declare(input);
  if (result.ok) revalidatePath("/incidents");
  return result;
}

export async function setAutoDeclareAction(input: { serviceId: number; enabled: boolean }) {
  const result = await autoDeclare(input);
  if (result.ok) revalidatePath("/dashboards");
  return result;
}
