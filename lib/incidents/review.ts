import { SEVERITY_LEVELS, isSeverity, moreSevere, type Severity } from "@/lib/runbook/sev-levels";
import type { TimelineEventDto } from "./types";

/** Commander review: the timeline oldest first with the time between events, and the SEV
 * response-target clock of runbook 001 · Severity Levels ("Response Time: < 5 minutes" …).
 *
 * - The response is the first thing a person did after declaring: acknowledging the page, an
 *   action (rollback, scale …), a status or severity change, a role assignment, a note or a
 *   playbook step. Not responses: the declaration itself, the declarer taking command with it,
 *   and what the automation records (metric breaches, scanner runs, events marked `auto`).
 * - The target is the one of the most severe SEV the incident ever had (an escalation tightens it).
 * - Met if the response came strictly before the target ("< 5 minutes"); missed if it came at or
 *   after it, or if the target passed with no response yet; running while it can still be met. */
export type ResponseClock = {
  severity: Severity;
  targetText: string;
  targetMs: number;
  declaredAt: string;
  deadline: string;
  state: "met" | "missed" | "running";
  respondedAt: string | null;
  /** What counted as the response, as "Dana: Emergency rollback …". */
  response: { actor: string; kind: string; eventId: number } | null;
  /** Declaration → response, or → now while there is none. */
  elapsedMs: number;
};

export type ReviewEntry = {
  event: TimelineEventDto;
  sincePreviousMs: number | null;
  sinceDeclaredMs: number;
};

export type IncidentReview = { entries: ReviewEntry[]; clock: ResponseClock };

/** Kinds only the automation writes. */
const AUTOMATED_KINDS = new Set(["metric_breach", "scanner_run"]);

export function isResponseEvent(e: TimelineEventDto, declaredAt: Date): boolean {
  if (Date.parse(e.occurredAt) < declaredAt.getTime() || AUTOMATED_KINDS.has(e.kind)) return false;
  if (e.kind === "status_change" && e.data.from === null && e.data.to === "declared") return false;
  if (e.kind === "role_change" && e.data.declarer === true) return false;
  // Anything the automation marks as its own (an automatic playbook step, a notification sent).
  if (e.data.auto === true) return false;
  return true;
}

/** Oldest first; `previous` is the event just before the first one (for the first gap of a page). */
export function reviewEntries(
  declaredAt: Date,
  events: readonly TimelineEventDto[],
  previous: TimelineEventDto | null = null,
): ReviewEntry[] {
  const ordered = [...events].sort(
    (a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || a.id - b.id,
  );
  return ordered.map((event, i) => {
    const at = Date.parse(event.occurredAt);
    const prev = i === 0 ? previous : ordered[i - 1];
    return {
      event,
      sincePreviousMs: prev ? at - Date.parse(prev.occurredAt) : null,
      sinceDeclaredMs: at - declaredAt.getTime(),
    };
  });
}

/** The whole review from a complete timeline (tests and small incidents). */
export function buildReview(
  incident: { severity: Severity; declaredAt: Date },
  events: readonly TimelineEventDto[],
  now: Date,
): IncidentReview {
  const entries = reviewEntries(incident.declaredAt, events);
  const response = entries.map((e) => e.event).find((e) => isResponseEvent(e, incident.declaredAt));
  const severity = highestSeverity(incident.severity, events);
  return { entries, clock: responseClock({ ...incident, severity }, response ?? null, now) };
}

export function highestSeverity(current: Severity, events: readonly TimelineEventDto[]): Severity {
  let highest = current;
  for (const e of events) {
    // Severity changes carry from/to; the declaration event carries the SEV declared.
    const seen =
      e.kind === "severity_change"
        ? [e.data.from, e.data.to]
        : e.kind === "status_change"
          ? [e.data.severity]
          : [];
    for (const value of seen) if (isSeverity(value)) highest = moreSevere(highest, value);
  }
  return highest;
}

/** `severity` is the most severe level the incident had; `response` the first response event. */
export function responseClock(
  incident: { severity: Severity; declaredAt: Date },
  response: TimelineEventDto | null,
  now: Date,
): ResponseClock {
  const level = SEVERITY_LEVELS[incident.severity];
  const declaredMs = incident.declaredAt.getTime();
  const base = {
    severity: incident.severity,
    targetText: level.responseTarget,
    targetMs: level.responseTargetMs,
    declaredAt: incident.declaredAt.toISOString(),
    deadline: new Date(declaredMs + level.responseTargetMs).toISOString(),
  };
  if (response) {
    const elapsedMs = Date.parse(response.occurredAt) - declaredMs;
    return {
      ...base,
      respondedAt: response.occurredAt,
      response: { actor: response.actor, kind: response.kind, eventId: response.id },
      elapsedMs,
      state: elapsedMs < level.responseTargetMs ? "met" : "missed",
    };
  }
  const elapsedMs = Math.max(0, now.getTime() - declaredMs);
  return {
    ...base,
    respondedAt: null,
    response: null,
    elapsedMs,
    state: elapsedMs < level.responseTargetMs ? "running" : "missed",
  };
}

/** "4 min 59 s", "2 h 5 min", "850 ms". */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.max(0, Math.round(ms))} ms`;
  const s = Math.floor(ms / 1_000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}
