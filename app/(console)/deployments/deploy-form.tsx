"use client";

import { useActionState } from "react";

import { FormMessage, SubmitButton } from "@/components/form-bits";

import type { DeployState } from "./actions";

/** A form posting to one deployment action, with its message or refusal. */
export function DeployForm({
  action,
  label,
  submit,
  pendingText,
  children,
}: {
  action: (prev: DeployState, formData: FormData) => Promise<DeployState>;
  label: string;
  submit: string;
  pendingText?: string;
  children?: React.ReactNode;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} aria-label={label} className="inline-flex flex-wrap items-center gap-2">
      {children}
      <SubmitButton pendingText={pendingText}>{submit}</SubmitButton>
      {state?.ok ? (
        <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
          {state.data.message}
        </p>
      ) : null}
      <FormMessage state={state} />
    </form>
  );
}
