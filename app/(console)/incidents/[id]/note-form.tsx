"use client";

import { useActionState, useState } from "react";

import { fieldError, type FormState } from "@/lib/incidents/form-state";
import { NOTE_MAX_CHARS, noteTooLongMessage } from "@/lib/incidents/schemas";
import { FieldError, FormMessage, INPUT_CLASS, LABEL_CLASS, SubmitButton } from "@/components/form-bits";
import { addNoteAction } from "./actions";

export function NoteForm({ incidentId }: { incidentId: number }) {
  const [state, action] = useActionState<FormState | null, FormData>(addNoteAction, null);
  // Checked here too: a huge paste would otherwise exceed the server's request size limit before
  // validation runs, and the user would get a generic failure instead of this message.
  const [tooLong, setTooLong] = useState<string | null>(null);
  const error = tooLong ?? fieldError(state, "body");
  function guardSize(e: React.FormEvent<HTMLFormElement>) {
    const body = new FormData(e.currentTarget).get("body");
    const message =
      typeof body === "string" && body.length > NOTE_MAX_CHARS ? noteTooLongMessage(body.length) : null;
    setTooLong(message);
    if (message) e.preventDefault();
  }
  return (
    <form
      action={action}
      onSubmit={guardSize}
      noValidate
      aria-label="Add a note"
      className="space-y-2 rounded border border-zinc-200 p-3 dark:border-zinc-800"
    >
      <input type="hidden" name="incidentId" value={incidentId} />
      <label htmlFor="note-body" className={LABEL_CLASS}>
        Note <span className="font-normal text-zinc-500">(Markdown; HTML is shown as text)</span>
      </label>
      <textarea
        id="note-body"
        name="body"
        rows={4}
        defaultValue={state && !state.ok ? state.values?.body : ""}
        aria-invalid={Boolean(error)}
        aria-describedby="note-body-error"
        className={`${INPUT_CLASS} font-mono`}
        placeholder={`What you saw, what you did. Up to ${NOTE_MAX_CHARS.toLocaleString("en-US")} characters.`}
      />
      <FieldError id="note-body-error" message={error} />
      {state && !state.ok && !error ? <FormMessage state={state} /> : null}
      <SubmitButton pendingText="Adding…">Add note</SubmitButton>
    </form>
  );
}
