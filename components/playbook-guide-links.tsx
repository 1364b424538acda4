import Link from "next/link";

import { guideLinks } from "@/lib/playbooks/guide-links";
import type { MetricKey } from "@/lib/runbook/catalog";
import type { Severity } from "@/lib/runbook/sev-levels";

/** "Start <guide>" for each breached metric of a service at SEV-2 or worse (overview card). */
export function PlaybookGuideLinks({
  service,
  level,
  reasons,
}: {
  service: string;
  level: Severity | null;
  reasons: ReadonlyArray<{ metric: MetricKey }>;
}) {
  const links = guideLinks(level, reasons);
  if (links.length === 0) return null;
  return (
    <p className="flex flex-wrap gap-2 text-sm">
      {links.map((g) => (
        <Link
          key={g.id}
          href={`/playbooks/${g.id}?service=${encodeURIComponent(service)}`}
          className="rounded border border-zinc-300 px-2 py-0.5 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          Start {g.title}
        </Link>
      ))}
    </p>
  );
}
