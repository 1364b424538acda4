/** The optimizer runbook's SEV levels (seed 001, "Severity Levels"): definition, response time
 * and actions, verbatim. Shown while choosing a SEV and used by the commander review's clock. */
export const SEVERITIES = ["SEV0", "SEV1", "SEV2", "SEV3"] as const;
export type Severity = (typeof SEVERITIES)[number];

export type SeverityLevel = {
  id: Severity;
  label: string;
  name: string;
  definition: string;
  /** As written in the runbook ("Response Time"). */
  responseTarget: string;
  /** The same target as a duration; a response must come strictly before it ("< 5 minutes"). */
  responseTargetMs: number;
  actions: readonly string[];
};

const MINUTE = 60_000;

export const SEVERITY_LEVELS: Record<Severity, SeverityLevel> = {
  SEV0: {
    id: "SEV0",
    label: "SEV-0",
    name: "Critical System Down",
    definition: "Complete system outage, all traffic affected",
    responseTarget: "Immediate (< 2 minutes)",
    responseTargetMs: 2 * MINUTE,
    actions: [
      "Immediate rollback to last known good version",
      "Activate incident commander",
      "Notify all stakeholders",
      "Implement emergency bypass if available",
    ],
  },
  SEV1: {
    id: "SEV1",
    label: "SEV-1",
    name: "Major Performance Degradation",
    definition: "P95 latency > 50ms or error rate > 5%",
    responseTarget: "< 5 minutes",
    responseTargetMs: 5 * MINUTE,
    actions: [
      "Investigate root cause",
      "Implement immediate mitigations",
      "Consider gradual rollback",
      "Notify technical stakeholders",
    ],
  },
  SEV2: {
    id: "SEV2",
    label: "SEV-2",
    name: "Minor Performance Issues",
    definition: "P95 latency > 10ms or cache hit ratio < 60%",
    responseTarget: "< 15 minutes",
    responseTargetMs: 15 * MINUTE,
    actions: ["Monitor trends", "Investigate during business hours", "Plan fix for next deployment window"],
  },
  SEV3: {
    id: "SEV3",
    label: "SEV-3",
    name: "Warning Conditions",
    definition: "Metrics approaching thresholds",
    responseTarget: "< 1 hour",
    responseTargetMs: 60 * MINUTE,
    actions: ["Create ticket for investigation", "Monitor for escalation", "Plan preventive actions"],
  },
};

/** SEV-0 is the most severe; returns whichever of the two is more severe. */
export function moreSevere(a: Severity, b: Severity): Severity {
  return SEVERITIES.indexOf(a) <= SEVERITIES.indexOf(b) ? a : b;
}

/** "SEV-1", or "no SEV" when no level applies. */
export function sevLabel(level: Severity | null): string {
  return level ? SEVERITY_LEVELS[level].label : "no SEV";
}

/** Rank: lower is worse (SEV-0 is 0); null (no SEV) ranks after SEV-3. */
export function sevRank(level: Severity | null): number {
  return level === null ? SEVERITIES.length : SEVERITIES.indexOf(level);
}

/** True when `a` is strictly more severe than `b` (null = healthy). */
export function isWorse(a: Severity | null, b: Severity | null): boolean {
  return sevRank(a) < sevRank(b);
}

export function isSeverity(value: unknown): value is Severity {
  return typeof value === "string" && (SEVERITIES as readonly string[]).includes(value);
}
