import "server-only";

import type { Actor } from "@/lib/auth/permissions";

import { recordAudit } from "./record";

/** The audit row of one authorized server-action call. A failure to write it is logged, never
 * turned into a failure of the action that already ran (its own result is what the person sees). */
export async function recordActionAudit(
  actor: Actor,
  name: string,
  input: unknown,
  error: string | null,
): Promise<void> {
  try {
    await recordAudit({
      actor,
      action: name,
      outcome: error === null ? "ok" : "failed",
      message: error ?? undefined,
      target: targetOf(input),
      data: input,
    });
  } catch (e) {
    console.error(`[audit] could not record ${name} by ${actor.name}`, e);
  }
}

function targetOf(input: unknown): string | undefined {
  if (!input || typeof input !== "object") return undefined;
  const i = input as Record<string, unknown>;
  if (typeof i.incidentId === "number" || typeof i.incidentId === "string") return `incident ${i.incidentId}`;
  if (typeof i.serviceId === "number" || typeof i.serviceId === "string") return `service ${i.serviceId}`;
  if (typeof i.name === "string") return i.name;
  if (typeof i.id === "number" || typeof i.id === "string") return `#${i.id}`;
  return undefined;
}
