import { clsx } from "clsx";

import { SEVERITY_LEVELS, type Severity } from "@/lib/runbook/sev-levels";

const TONE: Record<Severity, string> = {
  SEV0: "bg-sev-0 text-white",
  SEV1: "bg-sev-1 text-zinc-950",
  SEV2: "bg-sev-2 text-zinc-950",
  SEV3: "bg-sev-3 text-zinc-950",
};

export function SeverityBadge({ severity, className }: { severity: Severity; className?: string }) {
  const level = SEVERITY_LEVELS[severity];
  return (
    <span
      title={`${level.name}: ${level.definition}. Response ${level.responseTarget}.`}
      className={clsx(
        "inline-flex items-center rounded px-1.5 py-0.5 text-xs font-semibold whitespace-nowrap",
        TONE[severity],
        className,
      )}
    >
      {level.label}
    </span>
  );
}
