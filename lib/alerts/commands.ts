import "server-only";

import type { Actor } from "@/lib/auth/permissions";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { appendTimelineEvent } from "@/lib/incidents/events";
import { getServiceOrThrow } from "@/lib/services/queries";
import { createSilence, snapshotTsdb } from "./alertmanager";
import { setAlertPolicy, type AlertPolicyValue } from "./policy";
import { getAlertOrNull } from "./queries";

/** Silences one alert's exact label set in Alertmanager, as the signed-in person, and says so on
 * the incident it belongs to. */
export async function silenceAlert(
  input: { alertId: number; minutes: number; comment: string },
  actor: Actor,
): Promise<{ silenceId: string }> {
  const url = getEnv().ALERTMANAGER_URL;
  if (!url)
    throw new AppError("UNAVAILABLE", "ALERTMANAGER_URL is not configured; silences cannot be created.");
  const alert = await getAlertOrNull(input.alertId);
  if (!alert) throw new AppError("NOT_FOUND", `Alert #${input.alertId} does not exist.`);
  const labels = (alert.labels ?? {}) as Record<string, string>;
  const silenceId = await createSilence(url, {
    matchers: Object.entries(labels).map(([name, value]) => ({ name, value })),
    createdBy: actor.email ? `${actor.name} <${actor.email}>` : actor.name,
    comment: input.comment,
    minutes: input.minutes,
  });
  if (alert.incidentId !== null) {
    await appendTimelineEvent({
      incidentId: alert.incidentId,
      kind: "action",
      actor: actor.name,
      body: `Silenced ${alert.alertname} in Alertmanager for ${input.minutes} min: ${input.comment}`,
      data: { source: "alertmanager", silenceId, alertname: alert.alertname, minutes: input.minutes },
    });
  }
  return { silenceId };
}

/** runbook 001 · Backup and Recovery: "monitoring data backup" (Prometheus TSDB snapshot). */
export async function backupMonitoringData(): Promise<{ snapshot: string }> {
  const url = getEnv().PROMETHEUS_URL;
  if (!url) throw new AppError("UNAVAILABLE", "PROMETHEUS_URL is not configured; no snapshot can be taken.");
  return { snapshot: await snapshotTsdb(url) };
}

export async function changeAlertPolicy(input: {
  serviceId: number;
  policy: AlertPolicyValue;
}): Promise<void> {
  await getServiceOrThrow(input.serviceId);
  await setAlertPolicy(input.serviceId, input.policy);
}
