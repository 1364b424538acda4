"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";

import { backupMonitoringData, changeAlertPolicy, silenceAlert } from "@/lib/alerts/commands";
import { ALERT_POLICIES } from "@/lib/alerts/policy";
import { defineAction } from "@/lib/server-action";

const silence = defineAction(
  {
    name: "alert.silence",
    permission: "incident:command",
    schema: z.object({
      alertId: z.coerce.number().int().positive(),
      minutes: z.coerce
        .number()
        .int()
        .min(5, "At least 5 minutes")
        .max(24 * 60, "At most 24 hours"),
      comment: z.string().trim().min(3, "Say why (at least 3 characters)").max(500),
    }),
  },
  async (input, { actor }) => {
    const out = await silenceAlert(input, actor);
    revalidatePath("/alerts");
    return out;
  },
);

const snapshot = defineAction(
  { name: "monitoring.snapshot", permission: "metrics:write", schema: z.object({}) },
  async () => backupMonitoringData(),
);

const policy = defineAction(
  {
    name: "alert.policy",
    permission: "service:write",
    schema: z.object({ serviceId: z.coerce.number().int().positive(), policy: z.enum(ALERT_POLICIES) }),
  },
  async (input) => {
    await changeAlertPolicy(input);
    revalidatePath("/alerts");
    return { ok: true };
  },
);

export async function silenceAlertAction(input: unknown) {
  return silence(input);
}

export async function snapshotMonitoringAction(input: unknown) {
  return snapshot(input);
}

export async function setAlertPolicyAction(input: unknown) {
  return policy(input);
}
