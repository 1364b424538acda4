import "server-only";

import type { Actor } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { declareIncident } from "@/lib/incidents/commands";
import { appendTimelineEvent } from "@/lib/incidents/events";
import { listOpenIncidentsForService } from "@/lib/incidents/queries";
import { SEVERITY_LEVELS } from "@/lib/runbook/sev-levels";
import { getServiceByName } from "@/lib/services/queries";
import { AUTO_ACTOR } from "@/lib/severity/tracker";
import { alertSentence, mapAlert, type MappedAlert } from "./mapping";
import { getAlertPolicy } from "./policy";
import type { WebhookAlert, WebhookPayload } from "./webhook-schema";

/** Who an alert's timeline entries are from. */
export const ALERT_ACTOR: Actor = { ...AUTO_ACTOR, name: "Alertmanager" };

export type IntakeResult = {
  stored: number;
  duplicates: number;
  resolved: number;
  declared: number[];
  attached: number[];
};

/**
 * Stores each alert once per firing (fingerprint + start; a repeated delivery only counts),
 * records its resolution, and — by the service's policy — puts it on the service's open
 * incident or declares one at the alert's SEV. Alerts of one service are handled one at a time
 * in this process so a burst declares one incident, not several.
 */
export async function receiveAlerts(payload: WebhookPayload): Promise<IntakeResult> {
  const result: IntakeResult = { stored: 0, duplicates: 0, resolved: 0, declared: [], attached: [] };
  for (const alert of payload.alerts) {
    const mapped = mapAlert(alert);
    await serialized(mapped.service ?? "", () => receiveOne(alert, mapped, payload.receiver, result));
  }
  return result;
}

async function receiveOne(alert: WebhookAlert, a: MappedAlert, receiver: string, out: IntakeResult) {
  const db = getDb();
  const inserted = await db.$queryRaw<Array<{ id: number }>>`
    INSERT INTO alerts (fingerprint, starts_at, status, alertname, labels, annotations, ends_at,
                        receiver, generator_url, service_name, metric, level)
    VALUES (${a.fingerprint}, ${a.startsAt}, ${a.status}::"AlertStatus", ${a.alertname},
            ${JSON.stringify(alert.labels)}::jsonb, ${JSON.stringify(alert.annotations)}::jsonb,
            ${a.endsAt}, ${receiver}, ${alert.generatorURL ?? null}, ${a.service}, ${a.metric},
            ${a.level}::"Severity")
    ON CONFLICT (fingerprint, starts_at) DO NOTHING
    RETURNING id`;
  const summary = alert.annotations.summary;
  if (inserted[0]) {
    out.stored++;
    const incidentId = await placeOnIncident(a, summary, alert, out);
    if (incidentId !== null) await db.alert.update({ where: { id: inserted[0].id }, data: { incidentId } });
    if (a.status === "resolved") out.resolved++;
    return;
  }
  const existing = await db.alert.findUnique({
    where: { fingerprint_startsAt: { fingerprint: a.fingerprint, startsAt: a.startsAt } },
  });
  if (!existing) return;
  if (existing.status === a.status) {
    out.duplicates++;
    await db.alert.update({ where: { id: existing.id }, data: { deliveries: { increment: 1 } } });
    return;
  }
  // firing → resolved (or re-fired with the same start): one transition, recorded once.
  const changed = await db.alert.updateMany({
    where: { id: existing.id, status: existing.status },
    data: { status: a.status, endsAt: a.endsAt, deliveries: { increment: 1 } },
  });
  if (changed.count === 0) return void out.duplicates++;
  if (a.status === "resolved") out.resolved++;
  if (existing.incidentId !== null) await recordOnTimeline(existing.incidentId, a, summary, alert);
}

async function placeOnIncident(
  a: MappedAlert,
  summary: string | undefined,
  alert: WebhookAlert,
  out: IntakeResult,
) {
  if (!a.service) return null;
  const service = await getServiceByName(a.service);
  const policy = service ? await getAlertPolicy(service.id) : "record";
  if (policy === "record") return null;
  const open = await listOpenIncidentsForService(a.service);
  const target = open[open.length - 1];
  if (target) {
    await recordOnTimeline(target.id, a, summary, alert);
    out.attached.push(target.id);
    return target.id;
  }
  if (policy !== "declare" || a.status !== "firing") return null;
  const { id } = await declareIncident(
    {
      title: `${SEVERITY_LEVELS[a.level].label} on ${a.service}: ${summary ?? a.alertname}`.slice(0, 200),
      severity: a.level,
      service: a.service,
      summary: `Declared from Alertmanager alert ${a.alertname}.`,
    },
    ALERT_ACTOR,
    { initialEvents: [timelineEvent(a, summary, alert)] },
  );
  out.declared.push(id);
  return id;
}

async function recordOnTimeline(
  incidentId: number,
  a: MappedAlert,
  summary: string | undefined,
  alert: WebhookAlert,
) {
  await appendTimelineEvent({ incidentId, ...timelineEvent(a, summary, alert) });
}

function timelineEvent(a: MappedAlert, summary: string | undefined, alert: WebhookAlert) {
  return {
    kind: "metric_breach" as const,
    actor: ALERT_ACTOR.name,
    body: alertSentence(a, summary),
    data: {
      source: "alertmanager",
      alertname: a.alertname,
      status: a.status,
      level: a.level,
      metric: a.metric,
      fingerprint: a.fingerprint,
      startsAt: a.startsAt.toISOString(),
      ...(a.endsAt ? { endsAt: a.endsAt.toISOString() } : {}),
      ...(alert.annotations.description ? { description: alert.annotations.description } : {}),
    },
  };
}

const chains = new Map<string, Promise<unknown>>();
function serialized<T>(key: string, work: () => Promise<T>): Promise<T> {
  const prev = chains.get(key) ?? Promise.resolve();
  const next = prev.catch(() => undefined).then(work);
  chains.set(key, next);
  void next.finally(() => {
    if (chains.get(key) === next) chains.delete(key);
  });
  return next;
}
