import { notFound, redirect } from "next/navigation";

import { Markdown } from "@/components/markdown";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { incidentIdSchema } from "@/lib/incidents/schemas";
import { getIncidentOrThrow } from "@/lib/incidents/queries";
import { listIncidentCharts } from "@/lib/postmortem/charts";
import { getPostmortem } from "@/lib/postmortem/draft";
import { isAppError } from "@/lib/errors";
import { PrintButton } from "./print-button";

export const dynamic = "force-dynamic";
export const metadata = { title: "Postmortem (print)" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[]>> };

/** The postmortem alone on the page, without the console around it, for printing or a PDF. */
export default async function PrintablePostmortem({ params, searchParams }: Props) {
  const actor = await getActor();
  if (!actor || !can(actor, "incident:read")) redirect("/sign-in?error=no_role");
  const id = incidentIdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const sp = await searchParams;
  const version = typeof sp.version === "string" && /^\d+$/.test(sp.version) ? Number(sp.version) : undefined;
  let pm, charts;
  try {
    pm = await getPostmortem(id.data, { version });
    charts = await listIncidentCharts(id.data, (await getIncidentOrThrow(id.data)).service);
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  }
  return (
    <main className="mx-auto max-w-3xl bg-white p-8 text-black print:p-0">
      <div className="mb-4 flex justify-end print:hidden">
        <PrintButton />
      </div>
      <article aria-label="Postmortem" className="text-[13px]">
        <Markdown>{pm.markdown}</Markdown>
      </article>
      {charts.map((c) => (
        // eslint-disable-next-line @next/next/no-img-element -- a same-origin SVG drawn on the server
        <img
          key={c.url}
          src={c.url}
          alt={c.label}
          width={720}
          height={240}
          className="mt-4 max-w-full break-inside-avoid"
        />
      ))}
      <p className="mt-6 text-xs text-zinc-500">
        {pm.version ? `Version ${pm.version}, saved by ${pm.savedBy}` : "Draft, not saved"} — Firebreak
      </p>
    </main>
  );
}
