import { clsx } from "clsx";

import { EVENT_KIND_LABELS } from "@/lib/incidents/event-kinds";
import { summarizeEvent } from "@/lib/incidents/event-summary";
import { TEMPLATE_NOTE_KIND } from "@/lib/incidents/schemas";
import type { TimelineEventDto } from "@/lib/incidents/types";
import { IncidentTemplateCard } from "./incident-template-card";
import { LocalTime } from "./local-time";
import { Markdown } from "./markdown";

/** One timeline event. Notes render their Markdown; the template note renders as a card; every
 * other kind (including those later issues add) shows its summary, body and data as key/values. */
export function IncidentEvent({
  event,
  pinControl,
}: {
  event: TimelineEventDto;
  pinControl?: React.ReactNode;
}) {
  const isTemplate = event.kind === "note" && event.data.template === TEMPLATE_NOTE_KIND;
  const isNote = event.kind === "note" && !isTemplate;
  const dataEntries = isNote || isTemplate ? [] : visibleData(event);
  return (
    <li
      data-testid="timeline-event"
      data-kind={event.kind}
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
            <Markdown>{event.body}</Markdown>
          </div>
        ) : (
          <>
            <p className="text-sm font-medium">{summarizeEvent(event)}</p>
            {event.body && event.kind !== "status_change" && event.kind !== "severity_change" ? (
              <div className="mt-1">
                <Markdown>{event.body}</Markdown>
              </div>
            ) : null}
            {dataEntries.length ? (
              <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-3 text-xs text-zinc-600 dark:text-zinc-400">
                {dataEntries.map(([k, v]) => (
                  <div key={k} className="contents">
                    <dt>{k}</dt>
                    <dd className="font-mono break-all">{v}</dd>
                  </div>
                ))}
              </dl>
            ) : null}
          </>
        )}
      </div>
    </li>
  );
}

/** Data not already said by the summary line. */
const SUMMARISED: Record<string, string[]> = {
  status_change: ["from", "to", "reason", "jump", "severity", "service", "title"],
  severity_change: ["from", "to", "reason"],
  role_change: ["role", "from", "to"],
};

function visibleData(event: TimelineEventDto): [string, string][] {
  const skip = SUMMARISED[event.kind] ?? [];
  return Object.entries(event.data)
    .filter(([k, v]) => !skip.includes(k) && v !== null && v !== undefined && v !== "")
    .map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]);
}
