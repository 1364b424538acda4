import Link from "next/link";

import { getPlaybookCatalog } from "@/lib/playbooks/catalog";
import { formatClock } from "@/lib/playbooks/view";

export const metadata = { title: "Playbooks" };
export const dynamic = "force-dynamic";

const KIND_LABEL = {
  severity: "SEV playbooks",
  guide: "Alert investigation guides",
  procedure: "Procedures",
} as const;

/** Every reviewed playbook (playbooks/*.yaml), readable without an incident; refused files
 * are listed with their path and field. */
export default function PlaybooksPage() {
  const { playbooks, refused } = getPlaybookCatalog();
  return (
    <div className="max-w-4xl space-y-6">
      <h1 className="text-xl font-semibold">Playbooks</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Reviewed data in the repository (<code>playbooks/*.yaml</code>), each step citing the runbook section
        and line it comes from. Declaring an incident starts its SEV&apos;s playbook.
      </p>
      {refused.length ? (
        <section
          role="alert"
          aria-label="Refused playbook files"
          className="rounded border border-red-500/60 bg-red-500/10 p-3 text-sm"
        >
          <h2 className="font-semibold">Refused files (not used)</h2>
          <ul>
            {refused.map((r, i) => (
              <li key={i}>
                <code>{r.file}</code> · <code>{r.field}</code>: {r.message}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {(["severity", "procedure", "guide"] as const).map((kind) => (
        <section key={kind} aria-labelledby={`pb-${kind}`}>
          <h2 id={`pb-${kind}`} className="mb-2 text-lg font-semibold">
            {KIND_LABEL[kind]}
          </h2>
          <ul className="space-y-2">
            {playbooks
              .filter((p) => p.kind === kind)
              .map((p) => (
                <li key={p.id} className="rounded border border-zinc-200 p-2 dark:border-zinc-800">
                  <Link href={`/playbooks/${p.id}`} className="font-medium underline">
                    {p.title}
                  </Link>
                  <span className="ml-2 text-xs text-zinc-500">
                    {p.steps.length} steps
                    {p.responseTarget ? ` · response < ${formatClock(p.responseTarget)}` : ""}
                  </span>
                  <p className="text-sm text-zinc-600 dark:text-zinc-400">{p.summary}</p>
                </li>
              ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
