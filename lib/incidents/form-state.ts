import type { ActionResult } from "@/lib/server-action";

/** What a form's server action returns to `useActionState`: the action's result plus the values
 * the user typed, so a refused form keeps them (React resets a form after its action). */
export type FormState<T = unknown> = ActionResult<T> & { values?: Record<string, string> };

export function fieldError(state: FormState | null | undefined, field: string): string | undefined {
  return state && !state.ok ? state.fieldErrors?.[field]?.[0] : undefined;
}
