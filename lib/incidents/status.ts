/** Incident lifecycle: declared → investigating → mitigated → resolved → closed.
 * One step forward needs no reason; skipping steps or going backwards is a "jump" and needs one. */
export const STATUSES = ["declared", "investigating", "mitigated", "resolved", "closed"] as const;
export type IncidentStatus = (typeof STATUSES)[number];

export const STATUS_LABELS: Record<IncidentStatus, string> = {
  declared: "Declared",
  investigating: "Investigating",
  mitigated: "Mitigated",
  resolved: "Resolved",
  closed: "Closed",
};

/** The incident column stamped when the incident enters each status. */
export const STATUS_TIMESTAMP_FIELD = {
  declared: "declaredAt",
  investigating: "investigatingAt",
  mitigated: "mitigatedAt",
  resolved: "resolvedAt",
  closed: "closedAt",
} as const satisfies Record<IncidentStatus, string>;

export type StatusTimestampField = (typeof STATUS_TIMESTAMP_FIELD)[IncidentStatus];

export type StatusChangePlan =
  | {
      ok: true;
      from: IncidentStatus;
      to: IncidentStatus;
      /** Stamped with the change's time. */
      timestampField: StatusTimestampField;
      /** Going backwards reopens the lifecycle: the later stamps no longer hold (the timeline keeps them). */
      clearedFields: StatusTimestampField[];
      isJump: boolean;
      isBackwards: boolean;
      reason: string | null;
    }
  | { ok: false; error: string; field: "to" | "reason" };

/** An incident is open until it is resolved. */
export const OPEN_STATUSES: IncidentStatus[] = ["declared", "investigating", "mitigated"];

export function isJump(from: IncidentStatus, to: IncidentStatus): boolean {
  return STATUSES.indexOf(to) - STATUSES.indexOf(from) !== 1;
}

export function planStatusChange(
  from: IncidentStatus,
  to: IncidentStatus,
  reason?: string | null,
): StatusChangePlan {
  if (from === to)
    return { ok: false, field: "to", error: `The incident is already ${STATUS_LABELS[to].toLowerCase()}.` };
  const trimmed = reason?.trim() ?? "";
  const jump = isJump(from, to);
  const backwards = STATUSES.indexOf(to) < STATUSES.indexOf(from);
  if (jump && !trimmed) {
    return {
      ok: false,
      field: "reason",
      error: backwards
        ? `Going back from ${STATUS_LABELS[from]} to ${STATUS_LABELS[to]} needs a reason.`
        : `Skipping from ${STATUS_LABELS[from]} to ${STATUS_LABELS[to]} needs a reason.`,
    };
  }
  return {
    ok: true,
    from,
    to,
    timestampField: STATUS_TIMESTAMP_FIELD[to],
    clearedFields: STATUSES.slice(STATUSES.indexOf(to) + 1).map((s) => STATUS_TIMESTAMP_FIELD[s]),
    isJump: jump,
    isBackwards: backwards,
    reason: trimmed || null,
  };
}
