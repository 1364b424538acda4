"use client";

import { useActionState } from "react";

import { FormMessage, SubmitButton } from "@/components/form-bits";

import { optimizerFormAction, type OpName } from "./actions";
import { CONFIRM_FORM_ID } from "./hidden";

/** A confirm form for one optimizer operation: its fields, its outcome or refusal. */
export function OpForm({
  op,
  label,
  submit,
  pendingText,
  disabledReason,
  children,
}: {
  op: OpName;
  label: string;
  submit: string;
  pendingText?: string;
  /** Nothing to confirm (e.g. no change left): said instead of the button. The form stays
   * mounted so the outcome of the last confirmation stays visible. */
  disabledReason?: string | null;
  children?: React.ReactNode;
}) {
  const [state, formAction] = useActionState(optimizerFormAction, null);
  return (
    <form id={CONFIRM_FORM_ID} action={formAction} aria-label={label} className="space-y-2">
      <input type="hidden" name="op" value={op} />
      {children}
      {disabledReason ? (
        <p className="text-sm text-zinc-500">{disabledReason}</p>
      ) : (
        <SubmitButton pendingText={pendingText}>{submit}</SubmitButton>
      )}
      {state?.ok ? (
        <p
          role="status"
          className={
            state.data.failed
              ? "text-sm text-red-700 dark:text-red-300"
              : "text-sm text-emerald-700 dark:text-emerald-400"
          }
        >
          {state.data.message}
        </p>
      ) : null}
      <FormMessage state={state} />
    </form>
  );
}
