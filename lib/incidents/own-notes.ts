import type { TimelineEventDto } from "./types";

/** A note its author has sent: shown at once as "sending", then either confirmed (the stored
 * event) or failed (kept with the error, to retry or discard; never silently dropped). Pure. */
export type OwnNote = {
  key: string;
  incidentId: number;
  body: string;
  sentAt: string;
  state: "sending" | "confirmed" | "failed";
  event?: TimelineEventDto;
  error?: string;
};

export function sendingNote(incidentId: number, body: string, now: Date, key: string): OwnNote {
  return { key, incidentId, body, sentAt: now.toISOString(), state: "sending" };
}

export function settleNote(
  notes: readonly OwnNote[],
  key: string,
  outcome: { ok: true; event: TimelineEventDto } | { ok: false; error: string },
): OwnNote[] {
  return notes.map((n) =>
    n.key !== key
      ? n
      : outcome.ok
        ? { ...n, state: "confirmed", event: outcome.event, error: undefined }
        : { ...n, state: "failed", error: outcome.error },
  );
}

/** The own notes still to show above the timeline: newest first, minus confirmed ones the
 * timeline already holds (the live feed delivered them). */
export function visibleOwnNotes(notes: readonly OwnNote[], shown: (id: number) => boolean): OwnNote[] {
  return notes.filter((n) => !(n.state === "confirmed" && n.event && shown(n.event.id))).reverse();
}

/** Whether `event` is the stored copy of one of these notes still waiting for its answer (a note
 * with the same text): the live stream can bring it first; it shows once, as "sending", until the
 * answer confirms it. */
export function isSendingCopy(notes: readonly OwnNote[], event: TimelineEventDto): boolean {
  return (
    event.kind === "note" &&
    notes.some((n) => n.state === "sending" && n.incidentId === event.incidentId && n.body === event.body)
  );
}
