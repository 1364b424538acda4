import "server-only";

import { getDb } from "@/lib/db/client";

export const ALERT_POLICIES = ["record", "attach", "declare"] as const;
export type AlertPolicyValue = (typeof ALERT_POLICIES)[number];

/** A service without a stored policy records its alerts and attaches them to an open incident. */
export async function getAlertPolicy(serviceId: number): Promise<AlertPolicyValue> {
  const row = await getDb().alertPolicy.findUnique({ where: { serviceId } });
  return row?.policy ?? "attach";
}

export async function setAlertPolicy(serviceId: number, policy: AlertPolicyValue): Promise<void> {
  await getDb().alertPolicy.upsert({
    where: { serviceId },
    create: { serviceId, policy },
    update: { policy },
  });
}
