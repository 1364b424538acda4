"use client";

import { clsx } from "clsx";
import { useFormStatus } from "react-dom";

/** Small pieces every incident form shares: field error beside a field, a form-level message,
 * a submit button that shows it is working, and the input styles. */
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

export function FormMessage({ state }: { state: { ok: boolean; error?: string } | null }) {
  if (!state || state.ok || !state.error) return null;
  return (
    <p role="alert" className="rounded border border-red-500/40 bg-red-500/10 px-2 py-1 text-sm text-red-700 dark:text-red-300">
      {state.error}
    </p>
  );
}

export function SubmitButton({ children, pendingText, className }: { children: React.ReactNode; pendingText?: string; className?: string }) {
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
