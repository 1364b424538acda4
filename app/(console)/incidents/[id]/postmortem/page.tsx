import Link from "next/link";
import { notFound } from "next/navigation";

import { IncidentUnavailable } from "@/components/incident-unavailable";
import { LocalTime } from "@/components/local-time";
import { Markdown } from "@/components/markdown";
import { PermissionGate } from "@/components/permission-gate";
import { isAppError } from "@/lib/errors";
import { incidentIdSchema } from "@/lib/incidents/schemas";
import { getIncidentOrThrow } from "@/lib/incidents/queries";
import { listIncidentCharts } from "@/lib/postmortem/charts";
import { getPostmortem } from "@/lib/postmortem/draft";
import { listPostmortemVersions } from "@/lib/postmortem/store";
import { PostmortemEditor } from "./postmortem-editor";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[]>> };

export async function generateMetadata({ params }: Props) {
  const id = incidentIdSchema.safeParse((await params).id);
  return { title: id.success ? `Postmortem #${id.data}` : "Postmortem" };
}

/** The incident's postmortem: the latest saved version (or a generated draft), its versions, the
 * editor, a printable view and the .md download. */
export default async function PostmortemPage({ params, searchParams }: Props) {
  const id = incidentIdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const sp = await searchParams;
  const version = typeof sp.version === "string" && /^\d+$/.test(sp.version) ? Number(sp.version) : undefined;
  const regenerate = sp.regenerate === "1";
  let postmortem, versions, charts;
  try {
    [postmortem, versions] = await Promise.all([
      getPostmortem(id.data, { version, regenerate }),
      listPostmortemVersions(id.data),
    ]);
    charts = await listIncidentCharts(id.data, (await getIncidentOrThrow(id.data)).service);
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    if (isAppError(e) && e.code === "UNAVAILABLE") return <IncidentUnavailable message={e.message} />;
    throw e;
  }
  const v = postmortem.version ? `?version=${postmortem.version}` : "";
  const base = `/incidents/${id.data}/postmortem`;
  return (
    <div className="max-w-5xl space-y-5">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-xl font-semibold">Postmortem of incident #{id.data}</h1>
        <nav aria-label="Postmortem" className="flex flex-wrap gap-3 text-sm">
          <Link href={`/incidents/${id.data}`} className="underline">
            Incident
          </Link>
          <a href={`/api/incidents/${id.data}/postmortem${v}`} className="underline" download>
            Download .md
          </a>
          <Link href={`/print/incidents/${id.data}/postmortem${v}`} className="underline">
            Printable view
          </Link>
          <Link href={`${base}?regenerate=1`} className="underline">
            Regenerate draft
          </Link>
        </nav>
      </div>
      <p className="text-sm text-zinc-500" role="status">
        {postmortem.version ? (
          <>
            Version {postmortem.version}, saved by {postmortem.savedBy} at{" "}
            <LocalTime iso={postmortem.savedAt!.toISOString()} />
          </>
        ) : (
          "A draft generated from the incident's record now (not saved yet); written sections of the latest version are kept."
        )}
      </p>
      {versions.length > 0 && (
        <section aria-label="Versions" className="text-sm">
          <h2 className="font-medium">Versions</h2>
          <ul className="flex flex-wrap gap-x-4 gap-y-1">
            {versions.map((ver) => (
              <li key={ver.version}>
                <Link
                  href={`${base}?version=${ver.version}`}
                  aria-current={ver.version === postmortem.version ? "page" : undefined}
                  className="underline aria-[current=page]:font-semibold"
                >
                  v{ver.version}
                </Link>{" "}
                by {ver.savedBy}, <LocalTime iso={ver.savedAt.toISOString()} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="grid gap-6 lg:grid-cols-2">
        <PermissionGate permission="incident:write">
          <PostmortemEditor
            key={`${postmortem.version ?? "draft"}-${regenerate}`}
            incidentId={id.data}
            markdown={postmortem.markdown}
          />
        </PermissionGate>
        <article aria-label="Postmortem preview" className="min-w-0 rounded border p-4">
          <Markdown>{postmortem.markdown}</Markdown>
        </article>
      </div>
      <section aria-label="Metric charts" className="space-y-2">
        <h2 className="font-medium">Metrics over the incident window</h2>
        {charts.length === 0 && (
          <p className="text-sm text-zinc-500">The service is not watched: no samples.</p>
        )}
        {charts.map((c) => (
          // eslint-disable-next-line @next/next/no-img-element -- a same-origin SVG drawn on the server
          <img
            key={c.url}
            src={c.url}
            alt={c.label}
            width={720}
            height={240}
            className="max-w-full rounded border"
          />
        ))}
      </section>
    </div>
  );
}
