"use client";

import { useActionState } from "react";

import { FormMessage, SubmitButton } from "@/components/form-bits";

import type { OpsState } from "./actions";

/** A small form posting to one scanner-operations action: its fields, a submit button, the
 * action's success message or refusal (field errors listed under the fields). */
export function OpsForm({
  action,
  label,
  submit,
  pendingText,
  children,
  inline = false,
}: {
  action: (prev: OpsState, formData: FormData) => Promise<OpsState>;
  label: string;
  submit: string;
  pendingText?: string;
  children?: React.ReactNode;
  inline?: boolean;
}) {
  const [state, formAction] = useActionState(action, null);
  const fieldErrors = state && !state.ok ? Object.entries(state.fieldErrors ?? {}) : [];
  return (
    <form
      action={formAction}
      noValidate
      aria-label={label}
      className={inline ? "inline-flex flex-wrap items-center gap-2" : "space-y-2"}
    >
      {children}
      <SubmitButton pendingText={pendingText}>{submit}</SubmitButton>
      {state?.ok ? (
        <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
          {state.data.message}
        </p>
      ) : null}
      <FormMessage state={state} />
      {fieldErrors.length > 0 ? (
        <ul className="text-xs text-red-600 dark:text-red-400">
          {fieldErrors.map(([field, messages]) => (
            <li key={field}>
              {field}: {messages[0]}
            </li>
          ))}
        </ul>
      ) : null}
    </form>
  );
}
