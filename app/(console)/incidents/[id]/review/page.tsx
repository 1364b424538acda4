import Link from "next/link";
import { notFound } from "next/navigation";

import { isAppError } from "@/lib/errors";
import { EVENT_KIND_LABELS } from "@/lib/incidents/event-kinds";
import { eventReason, summarizeEvent } from "@/lib/incidents/event-summary";
import { getIncidentOrThrow } from "@/lib/incidents/queries";
import { formatDuration } from "@/lib/incidents/review";
import { getResponseClock, readReviewPage } from "@/lib/incidents/review-reads";
import { incidentIdSchema } from "@/lib/incidents/schemas";
import { IncidentUnavailable } from "@/components/incident-unavailable";
import { LocalTime } from "@/components/local-time";
import { PlaybookReview } from "@/components/playbook-review";
import { ResponseClockPanel } from "@/components/response-clock";
import { SeverityBadge } from "@/components/severity-badge";
import { StatusBadge } from "@/components/status-badge";

export const metadata = { title: "Commander review" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[]>> };

/** Every event oldest first with the gaps between them and the response clock, a page of 200 at a
 * time ("Next events" continues), so the first page is quick at any timeline size. */
export default async function ReviewPage({ params, searchParams }: Props) {
  const id = incidentIdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const afterRaw = Number((await searchParams).after ?? 0);
  const after = Number.isSafeInteger(afterRaw) && afterRaw > 0 ? afterRaw : 0;
  let incident, clock, page;
  try {
    incident = await getIncidentOrThrow(id.data);
    [clock, page] = await Promise.all([getResponseClock(incident), readReviewPage(incident, after)]);
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    if (isAppError(e) && e.code === "UNAVAILABLE") return <IncidentUnavailable message={e.message} />;
    throw e;
  }
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

      <ResponseClockPanel clock={clock} />

      <PlaybookReview incidentId={incident.id} />

      <section aria-labelledby="review-events">
        <h2 id="review-events" className="mb-2 text-lg font-semibold">
          Every event, oldest first ({page.total.toLocaleString("en-US")})
        </h2>
        {after > 0 ? (
          <p className="mb-2 text-sm">
            <Link href={`/incidents/${incident.id}/review`} className="underline">
              ← Back to the first events
            </Link>
          </p>
        ) : null}
        <ol aria-label="Review timeline" className="space-y-1">
          {page.entries.map(({ event, sincePreviousMs, sinceDeclaredMs }) => {
            const reason = eventReason(event);
            return (
              <li
                key={event.id}
                data-testid="review-entry"
                className="grid gap-x-3 gap-y-0.5 rounded border border-zinc-200 px-3 py-2 text-sm sm:grid-cols-[13rem_7rem_1fr] dark:border-zinc-800"
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
                  {clock.response?.eventId === event.id ? (
                    <span className="ml-2 rounded bg-ok/20 px-1.5 py-0.5 text-xs">first response</span>
                  ) : null}
                  <span className="block break-words text-zinc-700 dark:text-zinc-300">
                    {summarizeEvent(event)}
                    {reason ? ` — reason: ${reason}` : ""}
                  </span>
                </span>
              </li>
            );
          })}
        </ol>
        {page.nextAfter ? (
          <p className="mt-3 text-sm">
            <Link href={`/incidents/${incident.id}/review?after=${page.nextAfter}`} className="underline">
              Next events →
            </Link>
          </p>
        ) : null}
      </section>
    </div>
  );
}
