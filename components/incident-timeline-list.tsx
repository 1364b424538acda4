"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState, useTransition } from "react";

import type { ActionResult } from "@/lib/server-action";
import { visibleOwnNotes, type OwnNote } from "@/lib/incidents/own-notes";
import type { TimelineEventDto } from "@/lib/incidents/types";
import { IncidentEvent } from "./incident-event";
import { LocalTime } from "./local-time";
import { sendNote, type PostNoteAction } from "./incident-note-send";
import { TimelineMarkdown } from "./timeline-markdown";
import { useGate } from "./permission-gate";

export type PinAction = (input: {
  incidentId: number;
  eventId: number;
  pinned: boolean;
}) => Promise<ActionResult<TimelineEventDto>>;

type Row = { kind: "own"; note: OwnNote } | { kind: "event"; event: TimelineEventDto };

/** The timeline rows, virtualized: however many events are loaded, only those in (and near) the
 * scroll box are rendered. This viewer's own notes sit on top until the live feed has them. */
export function IncidentTimelineList(props: {
  events: TimelineEventDto[];
  ownNotes: OwnNote[];
  isShown: (eventId: number) => boolean;
  pinAction: PinAction;
  postNote: PostNoteAction;
  onPinned: (event: TimelineEventDto) => void;
  onDiscardNote: (key: string) => void;
}) {
  const rows: Row[] = [
    ...visibleOwnNotes(props.ownNotes, props.isShown).map((note) => ({ kind: "own" as const, note })),
    ...props.events.map((event) => ({ kind: "event" as const, event })),
  ];
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 96,
    overscan: 6,
    getItemKey: (i) => {
      const row = rows[i]!;
      return row.kind === "own" ? `own-${row.note.key}` : row.event.id;
    },
    initialRect: { width: 800, height: 700 },
  });

  if (rows.length === 0)
    return (
      <p className="rounded border border-dashed border-zinc-300 p-4 text-sm text-zinc-500 dark:border-zinc-700">
        No events match this filter.
      </p>
    );
  return (
    <div ref={scrollRef} className="max-h-[70vh] overflow-y-auto pr-1" data-testid="timeline-scroll">
      <ol aria-label="Timeline" className="relative" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          const rowProps = {
            ref: virtualizer.measureElement,
            "data-index": item.index,
            className: "absolute top-0 left-0 w-full pb-2",
            style: { transform: `translateY(${item.start}px)` },
          };
          return row.kind === "own" ? (
            <OwnNoteRow
              key={item.key}
              note={row.note}
              rowProps={rowProps}
              postNote={props.postNote}
              onDiscard={props.onDiscardNote}
            />
          ) : (
            <IncidentEvent
              key={item.key}
              event={row.event}
              rowProps={rowProps}
              pinControl={
                <PinButton event={row.event} pinAction={props.pinAction} onPinned={props.onPinned} />
              }
            />
          );
        })}
      </ol>
    </div>
  );
}

function OwnNoteRow({
  note,
  rowProps,
  postNote,
  onDiscard,
}: {
  note: OwnNote;
  rowProps: React.ComponentPropsWithRef<"li">;
  postNote: PostNoteAction;
  onDiscard: (key: string) => void;
}) {
  const queryClient = useQueryClient();
  if (note.state === "confirmed" && note.event)
    return <IncidentEvent event={note.event} rowProps={rowProps} />;
  const failed = note.state === "failed";
  return (
    <li {...rowProps} data-testid="own-note" data-state={note.state}>
      <div
        className={
          failed
            ? "rounded border border-red-500/70 bg-red-500/5 p-3"
            : "rounded border border-dashed border-zinc-400 p-3 dark:border-zinc-600"
        }
      >
        <div className="flex flex-wrap items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400">
          <span className="rounded bg-zinc-500/15 px-1.5 py-0.5 font-medium">Note</span>
          <span className="font-medium">You</span>
          <LocalTime iso={note.sentAt} timeOnly />
          <span className={failed ? "font-medium text-red-600 dark:text-red-400" : ""}>
            {failed ? `Not saved: ${note.error}` : "Sending…"}
          </span>
          {failed ? (
            <span className="ml-auto flex gap-2">
              <button
                type="button"
                className="rounded border border-zinc-300 px-2 py-0.5 dark:border-zinc-700"
                onClick={() => void sendNote(queryClient, postNote, note)}
              >
                Retry
              </button>
              <button
                type="button"
                className="rounded border border-zinc-300 px-2 py-0.5 dark:border-zinc-700"
                onClick={() => onDiscard(note.key)}
              >
                Discard
              </button>
            </span>
          ) : null}
        </div>
        <div className="mt-2" data-testid="note-body">
          <TimelineMarkdown>{note.body}</TimelineMarkdown>
        </div>
      </div>
    </li>
  );
}

function PinButton({
  event,
  pinAction,
  onPinned,
}: {
  event: TimelineEventDto;
  pinAction: PinAction;
  onPinned: (e: TimelineEventDto) => void;
}) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const gate = useGate("incident:write");
  return (
    <>
      {error ? <span className="mr-2 text-red-600 dark:text-red-400">{error}</span> : null}
      <button
        type="button"
        disabled={pending || gate.disabled}
        title={gate.reason}
        className="rounded border border-zinc-300 px-2 py-0.5 hover:bg-zinc-100 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-900"
        onClick={() =>
          startTransition(async () => {
            const result = await pinAction({
              incidentId: event.incidentId,
              eventId: event.id,
              pinned: !event.pinned,
            });
            if (result.ok) {
              setError(null);
              onPinned(result.data);
            } else setError(result.error);
          })
        }
      >
        {event.pinned ? "Unpin" : "Pin"}
      </button>
    </>
  );
}
