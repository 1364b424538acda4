import "server-only";
import { after } from "next/server";
import { z } from "zod";

import { ActionAudit } from "@/lib/audit/action-audit";
import { getActor } from "@/lib/auth/actor";
import { can, deniedReason, type Actor, type Permission } from "@/lib/auth/permissions";
import { countedAction } from "@/lib/telemetry/record";
import { AppError, DATABASE_UNREACHABLE_MESSAGE, isAppError, isDatabaseUnreachable } from "./errors";
import { formDataToObject } from "./form-data";

export type ActionResult<T> =
  { ok: true; data: T } | { ok: false; error: string; fieldErrors?: Record<string, string[]> };

export type ActionContext = {
  actor: Actor;
  /** The call's audit row, which the handler may write with its own last statement. */
  audit: ActionAudit;
  /** Runs background work the answer does not wait for once the answer has been sent, so it
   * does not compete with sending it (outside a request, e.g. in tests: at once). */
  afterAnswer: (work: () => Promise<unknown>) => void;
};

/** Every server action: authorize (session, then role), parse with zod, run one lib function, map errors, and leave
 * one audit row (name, outcome, input summary) for each authorized call.
 * Accepts a plain object or FormData (forms post FormData). */
export function defineAction<S extends z.ZodType, T>(
  options: { schema: S; permission: Permission; /** audit action name */ name?: string },
  handler: (input: z.infer<S>, ctx: ActionContext) => Promise<T>,
): (input: unknown) => Promise<ActionResult<T>> {
  return countedAction(options.name ?? (handler.name || options.permission), async (input) => {
    // Who, then may they: a caller without a session or the role never reaches parsing or
    // domain code.
    const actor = await getActor();
    if (!actor) return { ok: false, error: "Your session has ended; sign in again." };
    if (!can(actor, options.permission))
      return {
        ok: false,
        error: `Your role does not allow this (${deniedReason(actor, options.permission)}).`,
      };
    const raw = input instanceof FormData ? formDataToObject(input) : input;
    const parsed = options.schema.safeParse(raw);
    if (!parsed.success) {
      return {
        ok: false,
        error: "Please fix the highlighted fields.",
        fieldErrors: fieldErrorsOf(parsed.error),
      };
    }
    const name = options.name ?? (handler.name || options.permission);
    const audit = new ActionAudit(actor, name, parsed.data);
    let result: ActionResult<T>;
    try {
      result = { ok: true, data: await handler(parsed.data, { actor, audit, afterAnswer }) };
    } catch (e) {
      result = toFailure(e);
    }
    await audit.record(result.ok ? null : result.error);
    return result;
  });
}

function afterAnswer(work: () => Promise<unknown>): void {
  try {
    after(work);
  } catch {
    void work(); // no request to wait for
  }
}

export function toFailure(e: unknown): { ok: false; error: string; fieldErrors?: Record<string, string[]> } {
  if (isAppError(e)) return { ok: false, error: e.message, fieldErrors: e.fieldErrors };
  if (isDatabaseUnreachable(e)) return { ok: false, error: DATABASE_UNREACHABLE_MESSAGE };
  console.error("[action] unexpected error", e);
  return { ok: false, error: "Something went wrong; nothing was saved." };
}

function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

export { AppError };
