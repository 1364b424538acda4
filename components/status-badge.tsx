import { clsx } from "clsx";

import { STATUS_LABELS, type IncidentStatus } from "@/lib/incidents/status";

const TONE: Record<IncidentStatus, string> = {
  // Darker text on the light theme: the SEV hues alone are too faint on white.
  declared: "border-sev-0/60 text-red-700 dark:text-sev-0",
  investigating: "border-sev-1/60 text-orange-700 dark:text-sev-1",
  mitigated: "border-sev-2/60 text-amber-700 dark:text-sev-2",
  resolved: "border-ok/60 text-green-700 dark:text-ok",
  closed: "border-zinc-400/60 text-zinc-600 dark:text-zinc-400",
};

export function StatusBadge({ status, className }: { status: IncidentStatus; className?: string }) {
  return (
    <span
      className={clsx(
        "inline-flex items-center rounded border px-1.5 py-0.5 text-xs font-medium whitespace-nowrap",
        TONE[status],
        className,
      )}
    >
      {STATUS_LABELS[status]}
    </span>
  );
}
