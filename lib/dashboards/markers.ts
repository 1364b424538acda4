import { isSeverity, sevLabel } from "@/lib/runbook/sev-levels";

/** Events marked on the dashboards' time axis: incident start/end, actions, SEV changes. */
export type MarkerKind = "incident_start" | "incident_end" | "action" | "sev_change";
export type Marker = { t: number; kind: MarkerKind; label: string; incidentId?: number };

export type MarkerIncident = {
  id: number;
  severity: string;
  title: string;
  declaredAt: Date;
  /** Resolution (or closure) time; null while open. */
  endedAt: Date | null;
};
export type MarkerAction = { incidentId: number | null; occurredAt: Date; label: string };
export type MarkerSevChange = { changedAt: Date; fromLevel: string | null; toLevel: string | null };

function sevLabelOf(level: string | null): string {
  return sevLabel(isSeverity(level) ? level : null);
}

/** Markers inside [from, to], oldest first. */
export function buildMarkers(input: {
  incidents: MarkerIncident[];
  actions: MarkerAction[];
  sevChanges: MarkerSevChange[];
  from: Date;
  to: Date;
}): Marker[] {
  const lo = input.from.getTime();
  const hi = input.to.getTime();
  const out: Marker[] = [];
  for (const inc of input.incidents) {
    out.push({
      t: inc.declaredAt.getTime(),
      kind: "incident_start",
      label: `#${inc.id} ${sevLabelOf(inc.severity)} declared`,
      incidentId: inc.id,
    });
    if (inc.endedAt)
      out.push({
        t: inc.endedAt.getTime(),
        kind: "incident_end",
        label: `#${inc.id} resolved`,
        incidentId: inc.id,
      });
  }
  for (const a of input.actions) {
    out.push({
      t: a.occurredAt.getTime(),
      kind: "action",
      label: a.label,
      incidentId: a.incidentId ?? undefined,
    });
  }
  for (const c of input.sevChanges) {
    out.push({
      t: c.changedAt.getTime(),
      kind: "sev_change",
      label: `${sevLabelOf(c.fromLevel)} → ${sevLabelOf(c.toLevel)}`,
    });
  }
  return out.filter((m) => m.t >= lo && m.t <= hi).sort((a, b) => a.t - b.t);
}
