"use client";

import { useActionState } from "react";

import { fieldError, type FormState } from "@/lib/incidents/form-state";
import { TEMPLATE_NOTE_FIELDS } from "@/lib/incidents/note-fields";
import { FieldError, FormMessage, INPUT_CLASS, LABEL_CLASS, SubmitButton } from "@/components/form-bits";
import { addTemplateNoteAction } from "./actions";

/** The ApiHunter runbook's incident-notes template (seed 000): "For every rollback event, record …". */
export function TemplateNoteForm({
  incidentId,
  defaults,
}: {
  incidentId: number;
  /** Pre-filled values (e.g. from the scan whose rollback trigger opened the incident). */
  defaults?: Partial<Record<string, string>>;
}) {
  const [state, action] = useActionState<FormState | null, FormData>(addTemplateNoteAction, null);
  const values = state && !state.ok ? (state.values ?? {}) : {};
  return (
    <details
      className="rounded border border-zinc-200 p-3 dark:border-zinc-800"
      open={Boolean((state && !state.ok) || (defaults && !state?.ok))}
    >
      <summary className="cursor-pointer text-sm font-medium">
        Incident notes template (ApiHunter rollback)
      </summary>
      <form
        action={action}
        noValidate
        aria-label="Add incident notes from the template"
        className="mt-3 space-y-3"
      >
        <input type="hidden" name="incidentId" value={incidentId} />
        <p className="text-xs text-zinc-500">
          For every rollback event, record each of these (ApiHunter runbook).
        </p>
        {TEMPLATE_NOTE_FIELDS.map((f) => {
          const id = `tpl-${f.key}`;
          const error = fieldError(state, f.key);
          const common = {
            id,
            name: f.key,
            defaultValue: values[f.key] ?? defaults?.[f.key] ?? "",
            "aria-invalid": Boolean(error),
            "aria-describedby": `${id}-error`,
            className: INPUT_CLASS,
          };
          return (
            <div key={f.key}>
              <label htmlFor={id} className={LABEL_CLASS}>
                {f.label}
              </label>
              {f.multiline ? <textarea rows={2} {...common} /> : <input {...common} />}
              <FieldError id={`${id}-error`} message={error} />
            </div>
          );
        })}
        <FormMessage state={state} />
        <SubmitButton pendingText="Adding…">Add template note</SubmitButton>
      </form>
    </details>
  );
}
