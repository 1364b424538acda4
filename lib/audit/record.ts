import "server-only";

import type { Actor } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

import { actorInfo } from "./actor-info";
import { requestMeta } from "./request-meta";
import { summarizeInput } from "./summary";

export type AuditOutcome = "ok" | "failed" | "denied";

export type NewAuditEntry = {
  actor: Actor;
  /** What was done, e.g. "incident.declare", "approval.approve", "auth.sign_in". */
  action: string;
  outcome?: AuditOutcome;
  /** What it was done to, e.g. "incident 12", "service api-optimizer". */
  target?: string;
  /** Why it failed, or a reason given (SEV-0 self-approval). */
  message?: string;
  /** A compact input summary; secrets are redacted here, whatever the caller passes. */
  data?: unknown;
  /** Default: read from the current request's headers. */
  ip?: string | null;
  userAgent?: string | null;
};

/** The columns of one audit row, as written. */
export type AuditRow = {
  actorId: string;
  actorName: string;
  actorVia: string | null;
  action: string;
  outcome: AuditOutcome;
  target: string | null;
  message: string | null;
  data: ReturnType<typeof summarizeInput>;
  ip: string | null;
  userAgent: string | null;
};

/** What `recordAudit` writes for an entry (for a caller that writes the row inside its own
 * statement, together with the change it describes). */
export async function auditRowOf(entry: NewAuditEntry): Promise<AuditRow> {
  const who = actorInfo(entry.actor);
  const meta =
    entry.ip !== undefined || entry.userAgent !== undefined
      ? { ip: entry.ip ?? null, userAgent: entry.userAgent ?? null }
      : await requestMeta();
  return {
    actorId: who.id,
    actorName: who.name,
    actorVia: who.via,
    action: entry.action.slice(0, 100),
    outcome: entry.outcome ?? "ok",
    target: entry.target?.slice(0, 200) ?? null,
    message: entry.message?.slice(0, 1000) ?? null,
    data: summarizeInput(entry.data),
    ip: meta.ip,
    userAgent: meta.userAgent,
  };
}

/** Appends one row to the audit log. Pass `tx` to record it in the same transaction as the
 * change it describes (then it is committed, or rolled back, with it). */
export async function recordAudit(
  entry: NewAuditEntry,
  tx?: Prisma.TransactionClient,
): Promise<{ id: number }> {
  const data = await auditRowOf(entry);
  return (tx ?? getDb()).auditEntry.create({ data, select: { id: true } });
}
