/** Pure decisions of the SEV tracker: what a change of a service's effective
 * SEV level writes on incident timelines and whether it declares an incident by itself.
 * lib/severity/tracker.ts performs them; nothing here touches the database. */
import { sevLabel, sevRank, type Severity } from "@/lib/runbook/sev-levels";

/** The parts of the severity engine's SeverityReason this module reads. */
export type SevReason = {
  level: Severity | null;
  metric: string;
  value: number | null;
  threshold: number;
  comparator: string;
  text: string;
  source: string;
};

export type MetricSnapshot = { at: string | null; values: Record<string, number | null> };

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type BreachEvent = { kind: "metric_breach"; body: string; data: JsonObject };

export type IncidentDraft = {
  title: string;
  severity: Severity;
  service: string;
  summary: string;
  event: BreachEvent;
};

export type SevTransitionPlan =
  | { changed: false }
  | { changed: true; event: BreachEvent; appendTo: number[]; declare: IncidentDraft | null };

/** "Declare incident" is offered (and auto-declare fires) at SEV-2 or worse. */
export function isDeclarable(level: Severity | null): level is Severity {
  return level !== null && sevRank(level) <= sevRank("SEV2");
}

/** The reasons that justify a level: those of that level, else every reason given. */
export function reasonsFor(level: Severity | null, reasons: SevReason[]): SevReason[] {
  if (level === null) return [];
  const own = reasons.filter((r) => r.level === level);
  return own.length > 0 ? own : reasons;
}

/** "SEV-1: p95 60 ms > 50 ms"; "SEV cleared (was SEV-1): all metrics within thresholds". */
export function breachBody(level: Severity | null, previous: Severity | null, reasons: SevReason[]): string {
  if (level === null) return `SEV cleared (was ${sevLabel(previous)}): all metrics within thresholds`;
  const texts = reasonsFor(level, reasons).map((r) => r.text);
  return `${sevLabel(level)}: ${texts.length > 0 ? texts.join("; ") : "no breaching metric reported"}`;
}

export function breachEvent(
  level: Severity | null,
  previous: Severity | null,
  reasons: SevReason[],
  snapshot: MetricSnapshot,
): BreachEvent {
  return {
    kind: "metric_breach",
    body: breachBody(level, previous, reasons),
    data: {
      from: previous,
      to: level,
      reasons: reasons.map((r) => ({
        level: r.level,
        metric: r.metric,
        value: r.value,
        threshold: r.threshold,
        comparator: r.comparator,
        text: r.text,
        source: r.source,
      })),
      snapshot: { at: snapshot.at, values: { ...snapshot.values } },
    },
  };
}

/** An incident pre-filled from a signal: SEV, service and the metric snapshot as its first
 * `metric_breach` event. Used by the overview's "Declare incident" and by auto-declare. */
export function incidentDraft(
  service: string,
  level: Severity,
  reasons: SevReason[],
  snapshot: MetricSnapshot,
): IncidentDraft {
  const texts = reasonsFor(level, reasons).map((r) => r.text);
  const why = texts.length > 0 ? texts.join("; ") : "computed from the latest samples";
  return {
    title: clip(`${sevLabel(level)} on ${service}: ${why}`, TITLE_MAX),
    severity: level,
    service,
    summary: `Declared from the metrics: ${service} is at ${sevLabel(level)} (${why}).`,
    event: breachEvent(level, null, reasons, snapshot),
  };
}

/** Incident titles are at most 200 characters (lib/incidents/schemas.ts). */
const TITLE_MAX = 200;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** What a new effective level means. On a change: one metric_breach event on every open
 * incident of the service; and when the service opts into auto-declare, the level is SEV-2 or
 * worse and no incident is open, one new incident. Auto-declare fires on a change only, so an
 * incident resolved while the level stays up is not re-declared at the next poll. */
export function planSevTransition(input: {
  previous: Severity | null;
  next: Severity | null;
  reasons: SevReason[];
  snapshot: MetricSnapshot;
  service: { name: string; autoDeclare: boolean };
  openIncidentIds: number[];
}): SevTransitionPlan {
  if (input.previous === input.next) return { changed: false };
  const event = breachEvent(input.next, input.previous, input.reasons, input.snapshot);
  const declare =
    input.service.autoDeclare && isDeclarable(input.next) && input.openIncidentIds.length === 0
      ? incidentDraft(input.service.name, input.next, input.reasons, input.snapshot)
      : null;
  return { changed: true, event, appendTo: [...input.openIncidentIds], declare };
}
