import Link from "next/link";

import { SEVERITIES, SEVERITY_LEVELS, type Severity } from "@/lib/runbook/sev-levels";
import { STATUS_LABELS, STATUSES, type IncidentStatus } from "@/lib/incidents/status";
import { INPUT_CLASS } from "@/components/form-bits";

/** A plain GET form: filters live in the URL (shareable, work without JavaScript). */
export function IncidentFilters(props: { status?: IncidentStatus; severity?: Severity; openOnly: boolean }) {
  return (
    <form
      method="get"
      aria-label="Filter incidents"
      className="flex flex-wrap items-end gap-3 rounded border border-zinc-200 p-3 dark:border-zinc-800"
    >
      <label className="text-sm">
        <span className="mb-1 block text-xs text-zinc-500">Status</span>
        <select name="status" defaultValue={props.status ?? ""} className={INPUT_CLASS}>
          <option value="">Any status</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        <span className="mb-1 block text-xs text-zinc-500">Severity</span>
        <select name="severity" defaultValue={props.severity ?? ""} className={INPUT_CLASS}>
          <option value="">Any SEV</option>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {SEVERITY_LEVELS[s].label}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-2 py-1.5 text-sm">
        <input type="checkbox" name="open" value="1" defaultChecked={props.openOnly} />
        Open only
      </label>
      <button
        type="submit"
        className="rounded border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700"
      >
        Apply filters
      </button>
      <Link href="/incidents" className="py-1.5 text-sm underline">
        Clear
      </Link>
    </form>
  );
}
