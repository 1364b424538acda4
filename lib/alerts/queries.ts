import "server-only";

import { getDb } from "@/lib/db/client";
import { METRIC_KEYS, type MetricKey } from "@/lib/runbook/catalog";
import { listServices } from "@/lib/services/queries";
import { ALERT_POLICIES, getAlertPolicy, type AlertPolicyValue } from "./policy";

export type AlertRow = {
  id: number;
  alertname: string;
  status: "firing" | "resolved";
  level: string | null;
  service: string | null;
  summary: string | null;
  startsAt: Date;
  endsAt: Date | null;
  deliveries: number;
  /** Firing: since it started; resolved: how long it fired. */
  ageMs: number;
  incidentId: number | null;
  labels: Record<string, string>;
};

/** Newest first; firing ones first when `status` is not given. */
export async function listAlerts(
  opts: { status?: "firing" | "resolved"; limit?: number } = {},
): Promise<AlertRow[]> {
  const rows = await getDb().alert.findMany({
    where: opts.status ? { status: opts.status } : {},
    orderBy: [{ status: "asc" }, { startsAt: "desc" }],
    take: opts.limit ?? 200,
  });
  const now = Date.now();
  return rows.map((r) => {
    const annotations = (r.annotations ?? {}) as Record<string, string>;
    return {
      id: r.id,
      alertname: r.alertname,
      status: r.status,
      level: r.level,
      service: r.serviceName,
      summary: annotations.summary ?? null,
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      deliveries: r.deliveries,
      ageMs: (r.endsAt?.getTime() ?? now) - r.startsAt.getTime(),
      incidentId: r.incidentId,
      labels: (r.labels ?? {}) as Record<string, string>,
    };
  });
}

export async function getAlertOrNull(id: number) {
  return getDb().alert.findUnique({ where: { id } });
}

/** Every watched service with its alert policy, for the policy table. */
export async function listAlertPolicies(): Promise<
  Array<{ serviceId: number; name: string; policy: AlertPolicyValue }>
> {
  const services = await listServices();
  return Promise.all(
    services.map(async (s) => ({ serviceId: s.id, name: s.name, policy: await getAlertPolicy(s.id) })),
  );
}

export { ALERT_POLICIES };

/** The metrics that firing alerts attached to an incident speak of (for offering the matching
 * investigation guide on the incident). */
export async function firingAlertReasons(
  incidentId: number,
): Promise<Array<{ metric: MetricKey; text: string }>> {
  const rows = await getDb().alert.findMany({
    where: { incidentId, status: "firing", metric: { not: null } },
    orderBy: { startsAt: "asc" },
    select: { alertname: true, metric: true },
  });
  return rows.flatMap((r) =>
    METRIC_KEYS.includes(r.metric as MetricKey)
      ? [{ metric: r.metric as MetricKey, text: `Alertmanager: ${r.alertname} firing` }]
      : [],
  );
}
