import { buildReview, formatDuration } from "@/lib/incidents/review";
import type { TimelineEventDto } from "@/lib/incidents/types";
import { SEVERITIES, SEVERITY_LEVELS, type Severity } from "@/lib/runbook/sev-levels";

/** The response report: per SEV, how long responders took to answer, mitigate and resolve.
 *
 * - MTTA: declaration → the first response, as the commander review defines it (review.ts:
 *   the first thing a person did after declaring; automation and the declaration don't count).
 * - MTTM: declaration → mitigated; an incident resolved without passing through "mitigated"
 *   was mitigated by then at the latest, so its resolution counts.
 * - MTTR: declaration → resolved.
 * - Each mean is over the incidents that reached that milestone ("n of m").
 * - The SEV of an incident is the most severe it ever had, the one whose response target
 *   applied (runbook 001 · Severity Levels); the target is met only strictly before it. */
export type ReportIncident = {
  id: number;
  severity: Severity;
  service: string;
  declaredAt: Date;
  mitigatedAt: Date | null;
  resolvedAt: Date | null;
  /** Events that can decide the response and the SEV: at least the first response, if any,
   * and every severity change. */
  events: readonly TimelineEventDto[];
};

export type Milestone = { meanMs: number | null; reached: number; of: number };

export type SeverityReport = {
  severity: Severity;
  label: string;
  count: number;
  targetMs: number;
  targetText: string;
  mtta: Milestone;
  mttm: Milestone;
  mttr: Milestone;
  /** Responses strictly before the target; `open`: no response yet and the target not passed. */
  target: { met: number; missed: number; open: number; rate: number | null };
};

export type ServiceReport = { service: string; count: number; bySeverity: Record<Severity, number> };

export type ResponseReport = { total: number; severities: SeverityReport[]; services: ServiceReport[] };

function milestone(durations: readonly (number | null)[]): Milestone {
  const reached = durations.filter((d): d is number => d !== null);
  const meanMs = reached.length ? reached.reduce((a, b) => a + b, 0) / reached.length : null;
  return { meanMs, reached: reached.length, of: durations.length };
}

function since(declaredAt: Date, at: Date | null): number | null {
  if (!at || at.getTime() < declaredAt.getTime()) return null;
  return at.getTime() - declaredAt.getTime();
}

function zeroBySeverity(): Record<Severity, number> {
  return { SEV0: 0, SEV1: 0, SEV2: 0, SEV3: 0 };
}

export function buildResponseReport(incidents: readonly ReportIncident[], now: Date): ResponseReport {
  const measured = incidents.map((incident) => {
    const { clock } = buildReview(incident, incident.events, now);
    const responseAt = clock.respondedAt ? new Date(clock.respondedAt) : null;
    return {
      incident,
      clock,
      tta: since(incident.declaredAt, responseAt),
      ttm: since(incident.declaredAt, incident.mitigatedAt ?? incident.resolvedAt),
      ttr: since(incident.declaredAt, incident.resolvedAt),
    };
  });
  const severities = SEVERITIES.map((severity): SeverityReport => {
    const rows = measured.filter((m) => m.clock.severity === severity);
    const met = rows.filter((m) => m.clock.state === "met").length;
    const missed = rows.filter((m) => m.clock.state === "missed").length;
    const level = SEVERITY_LEVELS[severity];
    return {
      severity,
      label: level.label,
      count: rows.length,
      targetMs: level.responseTargetMs,
      targetText: level.responseTarget,
      mtta: milestone(rows.map((m) => m.tta)),
      mttm: milestone(rows.map((m) => m.ttm)),
      mttr: milestone(rows.map((m) => m.ttr)),
      target: {
        met,
        missed,
        open: rows.length - met - missed,
        rate: met + missed ? met / (met + missed) : null,
      },
    };
  });
  const byService = new Map<string, ServiceReport>();
  for (const m of measured) {
    const entry = byService.get(m.incident.service) ?? {
      service: m.incident.service,
      count: 0,
      bySeverity: zeroBySeverity(),
    };
    entry.count += 1;
    entry.bySeverity[m.clock.severity] += 1;
    byService.set(m.incident.service, entry);
  }
  const services = [...byService.values()].sort(
    (a, b) => b.count - a.count || a.service.localeCompare(b.service),
  );
  return { total: incidents.length, severities, services };
}

/** "4 min 12 s (3 of 4)", or "—" when no incident reached the milestone. */
export function formatMilestone(m: Milestone): string {
  if (m.meanMs === null) return `— (0 of ${m.of})`;
  return `${formatDuration(Math.round(m.meanMs))} (${m.reached} of ${m.of})`;
}

/** "75 % (3 of 4)", or "—" when no response was due yet. */
export function formatHitRate(t: SeverityReport["target"]): string {
  if (t.rate === null) return "—";
  return `${Math.round(t.rate * 100)} % (${t.met} of ${t.met + t.missed})`;
}
