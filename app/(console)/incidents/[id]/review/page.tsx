import Link from "next/link";
import { notFound } from "next/navigation";
import { clsx } from "clsx";

import { isAppError } from "@/lib/errors";
import { EVENT_KIND_LABELS } from "@/lib/incidents/event-kinds";
import { summarizeEvent } from "@/lib/incidents/event-summary";
import { getIncidentReview } from "@/lib/incidents/queries";
import { formatDuration } from "@/lib/incidents/review";
import { incidentIdSchema } from "@/lib/incidents/schemas";
import { SEVERITY_LEVELS } from "@/lib/runbook/sev-levels";
import { IncidentUnavailable } from "@/components/incident-unavailable";
import { LocalTime } from "@/components/local-time";
import { SeverityBadge } from "@/components/severity-badge";
import { StatusBadge } from "@/components/status-badge";

export const metadata = { title: "Commander review" };

const CLOCK_TONE = {
  met: "border-ok/60 bg-ok/10",
  missed: "border-sev-0/60 bg-sev-0/10",
  running: "border-sev-2/60 bg-sev-2/10",
};
const CLOCK_TEXT = { met: "Met", missed: "Missed", running: "Running" };

export default async function ReviewPage({ params }: { params: Promise<{ id: string }> }) {
  const id = incidentIdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  let data;
  try {
    data = await getIncidentReview(id.data);
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    if (isAppError(e) && e.code === "UNAVAILABLE") return <IncidentUnavailable message={e.message} />;
    throw e;
  }
  const { incident, review } = data;
  const { clock } = review;
  return (
    <div className="space-y-5">
      <div className="space-y-1">
        <Link href={`/incidents/${incident.id}`} className="text-sm underline">
          ← Incident #{incident.id}
        </Link>
        <h1 className="text-xl font-semibold break-words">Commander review: {incident.title}</h1>
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <SeverityBadge severity={incident.severity} />
          <StatusBadge status={incident.status} />
          <span className="text-zinc-500">{incident.service}</span>
        </div>
      </div>

      <section
        aria-label="Response-target clock"
        className={clsx("rounded border p-3 text-sm", CLOCK_TONE[clock.state])}
      >
        <p className="text-base font-semibold">
          Response target: <span data-testid="clock-state">{CLOCK_TEXT[clock.state]}</span>
        </p>
        <p className="mt-1">
          {SEVERITY_LEVELS[clock.severity].label} (most severe level this incident had) requires a response{" "}
          {clock.targetText}.{" "}
          {clock.respondedAt ? (
            <>
              First response after {formatDuration(clock.elapsedMs)} (<LocalTime iso={clock.respondedAt} />
              ).
            </>
          ) : (
            <>
              No response yet: {formatDuration(clock.elapsedMs)} since declaration; deadline{" "}
              <LocalTime iso={clock.deadline} />.
            </>
          )}
        </p>
        <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
          A response is the first move to Investigating or beyond (runbook seed 001, &ldquo;Severity
          Levels&rdquo;).
        </p>
      </section>

      <section aria-labelledby="review-events">
        <h2 id="review-events" className="mb-2 text-lg font-semibold">
          Every event, oldest first ({review.entries.length})
        </h2>
        <ol aria-label="Review timeline" className="space-y-1">
          {review.entries.map(({ event, sincePreviousMs, sinceDeclaredMs }) => (
            <li
              key={event.id}
              data-testid="review-entry"
              className="grid gap-x-3 gap-y-0.5 rounded border border-zinc-200 px-3 py-2 text-sm sm:grid-cols-[12rem_7rem_1fr] dark:border-zinc-800"
            >
              <span>
                <LocalTime iso={event.occurredAt} />
                <span className="block text-xs text-zinc-500">T+{formatDuration(sinceDeclaredMs)}</span>
              </span>
              <span className="text-xs text-zinc-500">
                {sincePreviousMs === null ? "first event" : `+${formatDuration(sincePreviousMs)}`}
              </span>
              <span className="min-w-0">
                <span className="mr-2 rounded bg-zinc-500/15 px-1.5 py-0.5 text-xs">
                  {EVENT_KIND_LABELS[event.kind] ?? event.kind}
                </span>
                <span data-testid="review-actor" className="font-medium">
                  {event.actor}
                </span>
                {event.pinned ? <span className="ml-1 text-xs">📌</span> : null}
                <span className="block break-words text-zinc-700 dark:text-zinc-300">
                  {summarizeEvent(event)}
                </span>
              </span>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
