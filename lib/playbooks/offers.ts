import "server-only";

import { firingAlertReasons } from "@/lib/alerts/queries";
import type { IncidentDto } from "@/lib/incidents/types";
import type { MetricKey } from "@/lib/runbook/catalog";
import { getServiceByName } from "@/lib/services/queries";
import { getSevState } from "@/lib/severity/state";

import { getPlaybookCatalog, playbookForSeverity } from "./catalog";
import type { RunView } from "./view";

export type Offers = {
  /** The incident's SEV changed since its playbook started: offer the new SEV's playbook. */
  switchTo: { playbookId: string; title: string } | null;
  /** Guides for the metrics the service breaches now (runbook 001 · Alert Investigation Guide). */
  guides: Array<{ playbookId: string; title: string; reason: string }>;
};

/** The guide investigating each breached metric, pure: used by the incident page and the overview. */
export function guidesForMetrics(reasons: ReadonlyArray<{ metric: MetricKey; text: string }>) {
  const guides = getPlaybookCatalog().playbooks.filter((p) => p.kind === "guide");
  const out: Offers["guides"] = [];
  for (const r of reasons) {
    const g = guides.find((p) => p.metric === r.metric);
    if (g && !out.some((o) => o.playbookId === g.id))
      out.push({ playbookId: g.id, title: g.title, reason: r.text });
  }
  return out;
}

export async function offersFor(incident: IncidentDto, runs: RunView[]): Promise<Offers> {
  const active = runs.filter((r) => r.status === "active");
  const sevRun = active.find((r) => r.kind === "severity");
  const target = playbookForSeverity(incident.severity);
  const switchTo =
    target && sevRun && sevRun.severity !== incident.severity
      ? { playbookId: target.id, title: target.title }
      : null;
  const service = await getServiceByName(incident.service);
  const sev = service ? await getSevState(service.id) : null;
  const running = new Set(active.map((r) => r.playbookId));
  // The service's current breaches, then the metrics of Alertmanager alerts firing on this incident.
  const reasons = [...(sev?.reasons ?? []), ...(await firingAlertReasons(incident.id))];
  const guides = guidesForMetrics(reasons).filter((g) => !running.has(g.playbookId));
  return { switchTo, guides };
}
