import Link from "next/link";
import { notFound } from "next/navigation";

import { findPlaybook } from "@/lib/playbooks/catalog";
import { PlaybookReadable } from "@/components/playbook-readable";
import { StartOnIncident } from "./start-on-incident";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  return { title: findPlaybook((await params).id)?.title ?? "Playbook" };
}

/** One playbook as a readable runbook, with its YAML source (read-only). */
type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[]>> };

export default async function PlaybookPage({ params, searchParams }: Props) {
  const playbook = findPlaybook((await params).id);
  if (!playbook) notFound();
  const service = (await searchParams).service;
  return (
    <div className="max-w-4xl space-y-4">
      <Link href="/playbooks" className="text-sm underline">
        ← Playbooks
      </Link>
      {typeof service === "string" && service ? (
        <StartOnIncident playbookId={playbook.id} service={service} />
      ) : null}
      <PlaybookReadable playbook={playbook} />
      <details className="rounded border border-zinc-200 p-2 dark:border-zinc-800">
        <summary className="cursor-pointer text-sm font-medium">Source: {playbook.file} (read-only)</summary>
        <pre aria-label="Playbook source" className="mt-2 overflow-x-auto text-xs whitespace-pre">
          {playbook.yaml}
        </pre>
      </details>
    </div>
  );
}
