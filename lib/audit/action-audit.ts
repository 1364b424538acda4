import "server-only";

import type { Actor } from "@/lib/auth/permissions";

import { auditRowOf, recordAudit, type AuditRow } from "./record";

/** The audit row of one authorized server-action call. Its handler may write the row of a
 * successful call inside its own last statement (committed with the change it describes, one
 * commit instead of two) and say so; otherwise defineAction writes it once the handler is done.
 * A failed call always gets its own row, with the error the person saw. */
export class ActionAudit {
  private written = false;

  constructor(
    private readonly actor: Actor,
    private readonly name: string,
    private readonly input: unknown,
  ) {}

  /** The row of this call as succeeded, for the handler to write. */
  successRow(): Promise<AuditRow> {
    return auditRowOf({
      actor: this.actor,
      action: this.name,
      target: targetOf(this.input),
      data: this.input,
    });
  }

  /** The handler wrote `successRow()` (it is committed). */
  markWritten(): void {
    this.written = true;
  }

  /** After the handler: the row, unless the handler wrote it for this (successful) call. */
  async record(error: string | null): Promise<void> {
    if (error === null && this.written) return;
    await recordActionAudit(this.actor, this.name, this.input, error);
  }
}

/** The audit row of one authorized server-action call. A failure to write it is logged, never
 * turned into a failure of the action that already ran (its own result is what the person sees). */
export async function recordActionAudit(
  actor: Actor,
  name: string,
  input: unknown,
  error: string | null,
): Promise<void> {
  try {
    await recordAudit({
      actor,
      action: name,
      outcome: error === null ? "ok" : "failed",
      message: error ?? undefined,
      target: targetOf(input),
      data: input,
    });
  } catch (e) {
    console.error(`[audit] could not record ${name} by ${actor.name}`, e);
  }
}

function targetOf(input: unknown): string | undefined {
  if (!input || typeof input !== "object") return undefined;
  const i = input as Record<string, unknown>;
  if (typeof i.incidentId === "number" || typeof i.incidentId === "string") return `incident ${i.incidentId}`;
  if (typeof i.serviceId === "number" || typeof i.serviceId === "string") return `service ${i.serviceId}`;
  if (typeof i.name === "string") return i.name;
  if (typeof i.id === "number" || typeof i.id === "string") return `#${i.id}`;
  return undefined;
}
