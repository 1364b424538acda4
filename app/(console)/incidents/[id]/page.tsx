import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";

import { isAppError } from "@/lib/errors";
import { TIMELINE_EVENT_KINDS, type TimelineEventKind } from "@/lib/incidents/event-kinds";
import { getIncidentOrThrow } from "@/lib/incidents/queries";
import { readTimelinePage } from "@/lib/incidents/timeline-reads";
import { incidentIdSchema } from "@/lib/incidents/schemas";
import { IncidentActions } from "@/components/incident-actions";
import { ApprovalsPanel } from "@/components/approvals-panel";
import { IncidentTimeline } from "@/components/incident-timeline";
import { IncidentUnavailable } from "@/components/incident-unavailable";
import { NotificationsPanel } from "@/components/notifications-panel";
import { PermissionGate } from "@/components/permission-gate";
import { PlaybookIncident } from "@/components/playbook-incident";
import { postNoteAction, setEventPinnedAction } from "./actions";
import { IncidentHeader } from "./incident-header";
import { IncidentControls } from "./incident-controls";
import { NoteForm } from "./note-form";
import { PanelPlaceholder } from "./panel-placeholder";
import { ResponsePanel } from "./response-panel";
import { TemplateNoteForm } from "./template-note-form";
import { incidentNotesForScan } from "@/lib/scanner/operations/incident-notes-query";
import { TimelineFilter } from "./timeline-filter";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[]>> };

/** `?notesFromScan=<scan id>` (an incident opened from a scanner rollback trigger): the runbook's
 * notes template pre-filled from that scan. */
async function notesFromScan(param: string | string[] | undefined) {
  const id = typeof param === "string" && /^\d{1,9}$/.test(param) ? Number(param) : null;
  return id === null ? undefined : ((await incidentNotesForScan(id)) ?? undefined);
}

export async function generateMetadata({ params }: Props) {
  const id = incidentIdSchema.safeParse((await params).id);
  return { title: id.success ? `Incident #${id.data}` : "Incident" };
}

export default async function IncidentPage({ params, searchParams }: Props) {
  const id = incidentIdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const sp = await searchParams;
  const kinds = [sp.kind ?? []]
    .flat()
    .filter((k): k is TimelineEventKind => (TIMELINE_EVENT_KINDS as readonly string[]).includes(k));
  const pinnedOnly = sp.pinned === "1";

  let incident, firstPage;
  try {
    [incident, firstPage] = await Promise.all([
      getIncidentOrThrow(id.data),
      readTimelinePage(id.data, { kinds, pinnedOnly }),
    ]);
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    if (isAppError(e) && e.code === "UNAVAILABLE") return <IncidentUnavailable message={e.message} />;
    throw e;
  }

  // The header and the timeline's newest page render first; the panels that read more (response
  // clock, approvals, playbooks) stream in behind their own boundaries.
  return (
    <div className="space-y-5">
      <IncidentHeader incident={incident} />
      <Suspense fallback={<PanelPlaceholder label="Loading the response clock" />}>
        <ResponsePanel incident={incident} />
      </Suspense>
      <IncidentActions incidentId={incident.id} service={incident.service} />
      <Suspense fallback={null}>
        <ApprovalsPanel incidentId={incident.id} severity={incident.severity} />
      </Suspense>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <section aria-labelledby="timeline-heading" className="min-w-0 space-y-3">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="timeline-heading" className="text-lg font-semibold">
              Timeline
            </h2>
            <Link href={`/incidents/${incident.id}/review`} className="text-sm underline">
              Commander review
            </Link>
            <Link href={`/incidents/${incident.id}/postmortem`} className="text-sm underline">
              Postmortem
            </Link>
          </div>
          <TimelineFilter incidentId={incident.id} kinds={kinds} pinnedOnly={pinnedOnly} />
          <IncidentTimeline
            key={`${kinds.join(",")}|${pinnedOnly}`}
            incidentId={incident.id}
            initialPage={firstPage}
            kinds={kinds}
            pinnedOnly={pinnedOnly}
            pinAction={setEventPinnedAction}
            postNote={postNoteAction}
          />
          <PermissionGate permission="incident:write" className="space-y-3">
            <NoteForm incidentId={incident.id} />
            <TemplateNoteForm incidentId={incident.id} defaults={await notesFromScan(sp.notesFromScan)} />
          </PermissionGate>
        </section>
        <aside aria-label="Incident controls" className="space-y-4">
          <Suspense fallback={<PanelPlaceholder label="Loading playbooks" className="h-40" />}>
            <PlaybookIncident incidentId={incident.id} />
          </Suspense>
          <IncidentControls incident={incident} />
          <NotificationsPanel incidentId={incident.id} />
        </aside>
      </div>
    </div>
  );
}
