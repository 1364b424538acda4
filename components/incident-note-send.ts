"use client";

import type { QueryClient } from "@tanstack/react-query";

import type { ActionResult } from "@/lib/server-action";
import { incidentKeys } from "@/lib/incidents/query-keys";
import { sendingNote, settleNote, type OwnNote } from "@/lib/incidents/own-notes";
import type { TimelineEventDto } from "@/lib/incidents/types";

export type PostNoteAction = (input: {
  incidentId: number;
  body: string;
}) => Promise<ActionResult<TimelineEventDto>>;

/** Puts the note on this viewer's timeline at once ("sending"), sends it, and records the outcome
 * there: confirmed with the stored event, or failed with the reason (kept, to retry). */
export async function sendNote(
  queryClient: QueryClient,
  postNote: PostNoteAction,
  note: { incidentId: number; body: string; key?: string },
): Promise<void> {
  const key = note.key ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const cacheKey = incidentKeys.ownNotes(note.incidentId);
  const update = (fn: (notes: OwnNote[]) => OwnNote[]) =>
    queryClient.setQueryData<OwnNote[]>(cacheKey, (notes) => fn(notes ?? []));
  update((notes) => [
    ...notes.filter((n) => n.key !== key),
    sendingNote(note.incidentId, note.body, new Date(), key),
  ]);
  let outcome: Parameters<typeof settleNote>[2];
  try {
    const result = await postNote({ incidentId: note.incidentId, body: note.body });
    outcome = result.ok
      ? { ok: true, event: result.data }
      : { ok: false, error: result.fieldErrors?.body?.[0] ?? result.error };
  } catch {
    outcome = { ok: false, error: "the server could not be reached" };
  }
  update((notes) => settleNote(notes, key, outcome));
}
