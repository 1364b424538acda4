"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { NOTE_MAX_CHARS, noteTooLongMessage } from "@/lib/incidents/note-fields";
import { FieldError, INPUT_CLASS, LABEL_CLASS } from "@/components/form-bits";
import { sendNote } from "@/components/incident-note-send";
import { useHydrated } from "@/components/use-hydrated";
import { postNoteAction } from "./actions";

/** Sends a note and shows it on the author's timeline at once ("sending"), then confirmed or
 * failed (the timeline keeps a failed note with its reason and a retry).
 *
 * A large incident's page is readable before its script has taken over (hydration): text typed
 * then lives only in the field, so the field is uncontrolled and read when sent, and "Add note"
 * waits for the script (a click before it would submit the form as a plain GET). */
export function NoteForm({ incidentId }: { incidentId: number }) {
  const queryClient = useQueryClient();
  const hydrated = useHydrated();
  const [error, setError] = useState<string | null>(null);

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const field = e.currentTarget.elements.namedItem("body") as HTMLTextAreaElement;
    const body = field.value;
    // Checked here too: a huge paste would otherwise exceed the server's request size limit before
    // validation runs, and the user would get a generic failure instead of this message.
    if (body.trim().length === 0) return setError("Write a note");
    if (body.length > NOTE_MAX_CHARS) return setError(noteTooLongMessage(body.length));
    setError(null);
    field.value = "";
    void sendNote(queryClient, postNoteAction, { incidentId, body });
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label="Add a note"
      className="space-y-2 rounded border border-zinc-200 p-3 dark:border-zinc-800"
    >
      <label htmlFor="note-body" className={LABEL_CLASS}>
        Note <span className="font-normal text-zinc-500">(Markdown; HTML is shown as text)</span>
      </label>
      <textarea
        id="note-body"
        name="body"
        rows={4}
        defaultValue=""
        aria-invalid={Boolean(error)}
        aria-describedby="note-body-error"
        className={`${INPUT_CLASS} font-mono`}
        placeholder={`What you saw, what you did. Up to ${NOTE_MAX_CHARS.toLocaleString("en-US")} characters.`}
      />
      <FieldError id="note-body-error" message={error ?? undefined} />
      <button
        type="submit"
        disabled={!hydrated}
        className="rounded bg-zinc-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-zinc-700 disabled:opacity-60 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-300"
      >
        Add note
      </button>
    </form>
  );
}
