import { SEVERITIES, SEVERITY_LEVELS, moreSevere, type Severity } from "@/lib/runbook/sev-levels";
import type { TimelineEventDto } from "./types";

/** Commander review: the timeline oldest first with the time between events, and the
 * SEV response-target clock of seed 001 "Severity Levels" ("Response Time: < 5 minutes" …).
 *
 * - The response is the first status change to investigating or beyond after declaration.
 * - The target is the one of the most severe SEV the incident ever had (an escalation tightens it).
 * - Met if the response came strictly before the target ("< 5 minutes"); missed if it came at or
 *   after it, or if the target passed with no response yet; running while it can still be met. */
export type ResponseClock = {
  severity: Severity;
  targetText: string;
  targetMs: number;
  deadline: string;
  state: "met" | "missed" | "running";
  respondedAt: string | null;
  /** Declaration → response, or → now while there is none. */
  elapsedMs: number;
};

export type ReviewEntry = {
  event: TimelineEventDto;
  sincePreviousMs: number | null;
  sinceDeclaredMs: number;
};

export type IncidentReview = { entries: ReviewEntry[]; clock: ResponseClock };

const RESPONDED_STATUSES = new Set(["investigating", "mitigated", "resolved", "closed"]);

export function buildReview(
  incident: { severity: Severity; declaredAt: Date },
  events: readonly TimelineEventDto[],
  now: Date,
): IncidentReview {
  const ordered = [...events].sort(
    (a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || a.id - b.id,
  );
  const declaredMs = incident.declaredAt.getTime();
  const entries = ordered.map((event, i) => {
    const at = Date.parse(event.occurredAt);
    const prev = ordered[i - 1];
    return {
      event,
      sincePreviousMs: prev ? at - Date.parse(prev.occurredAt) : null,
      sinceDeclaredMs: at - declaredMs,
    };
  });
  return { entries, clock: responseClock(incident, ordered, now) };
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

function responseClock(
  incident: { severity: Severity; declaredAt: Date },
  ordered: readonly TimelineEventDto[],
  now: Date,
): ResponseClock {
  const severity = highestSeverity(incident.severity, ordered);
  const level = SEVERITY_LEVELS[severity];
  const declaredMs = incident.declaredAt.getTime();
  const deadlineMs = declaredMs + level.responseTargetMs;
  const response = ordered.find(
    (e) =>
      e.kind === "status_change" &&
      RESPONDED_STATUSES.has(String(e.data.to)) &&
      Date.parse(e.occurredAt) >= declaredMs,
  );
  const base = {
    severity,
    targetText: level.responseTarget,
    targetMs: level.responseTargetMs,
    deadline: new Date(deadlineMs).toISOString(),
  };
  if (response) {
    const elapsedMs = Date.parse(response.occurredAt) - declaredMs;
    return {
      ...base,
      respondedAt: response.occurredAt,
      elapsedMs,
      state: elapsedMs < level.responseTargetMs ? "met" : "missed",
    };
  }
  const elapsedMs = Math.max(0, now.getTime() - declaredMs);
  return {
    ...base,
    respondedAt: null,
    elapsedMs,
    state: elapsedMs < level.responseTargetMs ? "running" : "missed",
  };
}

function isSeverity(v: unknown): v is Severity {
  return typeof v === "string" && (SEVERITIES as readonly string[]).includes(v);
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
