import { clsx } from "clsx";

import { EVENT_KIND_LABELS } from "@/lib/incidents/event-kinds";
import { eventDetails } from "@/lib/incidents/event-details";
import { eventReason, summarizeEvent } from "@/lib/incidents/event-summary";
import { TEMPLATE_NOTE_KIND } from "@/lib/incidents/note-fields";
import type { TimelineEventDto } from "@/lib/incidents/types";
import { IncidentTemplateCard } from "./incident-template-card";
import { LocalTime } from "./local-time";
import { TimelineMarkdown } from "./timeline-markdown";

/** One timeline event as a sentence with its key values: a note renders its Markdown, the
 * template note a card; every other kind its sentence, the reason, a metric breach's reasons as a
 * list and its snapshot as a small table, an action's command — never raw JSON. */
export function IncidentEvent({
  event,
  pinControl,
  rowProps,
}: {
  event: TimelineEventDto;
  pinControl?: React.ReactNode;
  /** Position and measuring ref from the virtualized list. */
  rowProps?: React.ComponentPropsWithRef<"li">;
}) {
  const isTemplate = event.kind === "note" && event.data.template === TEMPLATE_NOTE_KIND;
  const isNote = event.kind === "note" && !isTemplate;
  return (
    <li {...rowProps} data-testid="timeline-event" data-kind={event.kind} data-event-id={event.id}>
      <div
        className={clsx(
          "rounded border p-3",
          event.pinned ? "border-sev-2/70 bg-sev-2/5" : "border-zinc-200 dark:border-zinc-800",
        )}
      >
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
          <span className="rounded bg-zinc-500/15 px-1.5 py-0.5 font-medium text-zinc-800 dark:text-zinc-200">
            {EVENT_KIND_LABELS[event.kind] ?? event.kind}
          </span>
          <span data-testid="event-actor" className="font-medium text-zinc-800 dark:text-zinc-200">
            {event.actor}
          </span>
          <LocalTime iso={event.occurredAt} />
          {event.pinned ? (
            <span aria-label="Pinned">📌 pinned{event.pinnedBy ? ` by ${event.pinnedBy}` : ""}</span>
          ) : null}
          <span className="ml-auto">{pinControl}</span>
        </div>
        <div className="mt-2">
          {isTemplate ? (
            <IncidentTemplateCard fields={(event.data.fields as Record<string, unknown>) ?? {}} />
          ) : isNote ? (
            <div data-testid="note-body">
              <TimelineMarkdown>{event.body}</TimelineMarkdown>
            </div>
          ) : (
            <EventSentence event={event} />
          )}
        </div>
      </div>
    </li>
  );
}

function EventSentence({ event }: { event: TimelineEventDto }) {
  const sentence = summarizeEvent(event);
  const reason = eventReason(event);
  const details = eventDetails(event);
  // An action's body is its full sentence (diff lines and all); show it when it says more.
  const body = event.body.trim();
  const bodyAddsMore =
    body && !["status_change", "severity_change", "metric_breach"].includes(event.kind) && body !== sentence;
  return (
    <div className="space-y-1 text-sm">
      <p className="font-medium" data-testid="event-sentence">
        {sentence}
      </p>
      {reason ? <p>Reason: {reason}</p> : null}
      {bodyAddsMore ? <TimelineMarkdown>{body}</TimelineMarkdown> : null}
      {details.reasons.length ? (
        <ul aria-label="Reasons" className="list-disc pl-5">
          {details.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      ) : null}
      {details.snapshot.length ? (
        <table aria-label="Metric snapshot" className="text-xs">
          <tbody>
            {details.snapshot.map((row) => (
              <tr key={row.metric}>
                <th scope="row" className="pr-3 text-left font-normal text-zinc-500">
                  {row.metric}
                </th>
                <td className="font-mono">{row.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {details.command ? (
        <p className="text-xs">
          Command: <code className="font-mono break-all">{details.command}</code>
        </p>
      ) : null}
      {details.facts.length ? (
        <dl className="flex flex-wrap gap-x-4 text-xs text-zinc-600 dark:text-zinc-400">
          {details.facts.map((f) => (
            <div key={f.label} className="flex gap-1">
              <dt>{f.label}:</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </div>
  );
}
