"use client";

import { clsx } from "clsx";
import { useFormStatus } from "react-dom";

/** Small pieces every form shares: a labelled text field with its error beside it, a form-level
 * message, a submit button that shows it is working, and the input styles. */
export const INPUT_CLASS =
  "w-full rounded border border-zinc-300 bg-transparent px-2 py-1.5 text-sm aria-[invalid=true]:border-red-500 dark:border-zinc-700";
export const LABEL_CLASS = "mb-1 block text-sm font-medium";

export function FieldError({ id, message }: { id: string; message?: string }) {
  return (
    <p id={id} className="mt-1 min-h-0 text-xs text-red-600 dark:text-red-400" aria-live="polite">
      {message ?? ""}
    </p>
  );
}

/** A labelled text input whose error (if any) sits beside it and is its accessible description.
 * Forms using it set `noValidate`: the server's zod schema is the one judge of input. */
export function TextField({
  id,
  name,
  label,
  defaultValue,
  error,
  placeholder,
  required,
  ariaLabel,
  hint,
}: {
  id: string;
  name: string;
  label: React.ReactNode;
  defaultValue?: string;
  error?: string;
  placeholder?: string;
  required?: boolean;
  ariaLabel?: string;
  hint?: string;
}) {
  return (
    <div>
      <label htmlFor={id} className={LABEL_CLASS}>
        {label}
      </label>
      <input
        id={id}
        name={name}
        defaultValue={defaultValue}
        placeholder={placeholder}
        required={required}
        aria-label={ariaLabel}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-error`}
        className={INPUT_CLASS}
      />
      {hint ? <p className="mt-1 text-xs text-zinc-500">{hint}</p> : null}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

export function FormMessage({ state }: { state: { ok: boolean; error?: string } | null }) {
  if (!state || state.ok || !state.error) return null;
  return (
    <p
      role="alert"
      className="rounded border border-red-500/40 bg-red-500/10 px-2 py-1 text-sm text-red-700 dark:text-red-300"
    >
      {state.error}
    </p>
  );
}

export function SubmitButton({
  children,
  pendingText,
  className,
}: {
  children: React.ReactNode;
  pendingText?: string;
  className?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending}
      className={clsx(
        "rounded bg-zinc-900 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60 dark:bg-zinc-100 dark:text-zinc-900",
        className,
      )}
    >
      {pending ? (pendingText ?? "Saving…") : children}
    </button>
  );
}
