import { PermissionGate } from "@/components/permission-gate";
import type { Actor } from "@/lib/auth/permissions";
import { proposeAutotune } from "@/lib/optimizer-ops/autotune-ops";
import { MAINTENANCE_ITEMS } from "@/lib/optimizer-ops/maintenance";

import { DiffTable } from "./diff-table";
import { Hidden, PRE } from "./hidden";
import { OpForm } from "./op-form";

/** The auto-tuning proposal (runbook 001 · Performance Tuning): readings, rules, the exact
 * ConfigMap diff from a dry run, and the confirm form. */
export async function autotunePreview(service: string, actor: Actor | null, requestId: string) {
  const base = { service, requestId };

  const p = await proposeAutotune(service, actor);
  const m = p.metrics;
  return (
    <>
      <h3 className="font-semibold">Auto-tuning proposal for {p.configMap.name}</h3>
      <p aria-label="Readings">
        Cache hit ratio {m.cacheHitPct ?? "n/a"}%, p95 latency {m.p95Ms ?? "n/a"} ms, {m.rps ?? "n/a"}{" "}
        requests/s
        {p.metricErrors.length > 0 ? ` (${p.metricErrors.join("; ")})` : ""}.
      </p>
      <ul aria-label="Rules" className="list-disc pl-5">
        {p.changes.map((c) => (
          <li key={c.key}>
            {c.key}: {c.reason} → {c.to}
          </li>
        ))}
        {p.notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
      <DiffTable label="ConfigMap diff" diff={p.diff} empty="No change proposed." />
      {p.dryRunError ? <p role="alert">Dry run refused: {p.dryRunError}</p> : null}
      {p.kubectl ? (
        <pre className={PRE} aria-label="kubectl command">
          {p.kubectl}
        </pre>
      ) : null}
      <PermissionGate permission="cluster:act:destructive">
        <OpForm
          op="autotune"
          label="Apply auto-tuning"
          submit="Apply these changes"
          disabledReason={
            p.dryRunError
              ? "The dry run was refused: nothing can be applied."
              : p.changes.length === 0
                ? "No change to apply."
                : null
          }
        >
          <Hidden
            fields={{
              ...base,
              resourceVersion: p.configMap.resourceVersion,
              changes: JSON.stringify(p.changes),
            }}
          />
        </OpForm>
      </PermissionGate>
    </>
  );
}

/** The weekly maintenance checklist (runbook 001 · Weekly Maintenance) and its confirm form. */
export function maintenancePreview(service: string, requestId: string) {
  const base = { service, requestId };

  return (
    <>
      <h3 className="font-semibold">Weekly maintenance of {service}</h3>
      <ol aria-label="Checklist" className="list-decimal space-y-1 pl-5">
        {MAINTENANCE_ITEMS.map((i) => (
          <li key={i.id}>
            <strong>{i.name}</strong> — {i.how === "auto" ? "Firebreak: " : "a person: "}
            <code>{i.does}</code>
          </li>
        ))}
      </ol>
      <PermissionGate permission="cluster:act">
        <OpForm op="maintenance" label="Confirm maintenance run" submit="Run the checklist">
          <Hidden fields={base} />
          {(
            [
              ["logRotation", "Log rotation"],
              ["securityScan", "Security scan"],
            ] as const
          ).map(([field, label]) => (
            <div key={field} className="flex flex-wrap items-center gap-2">
              <label>
                {label}{" "}
                <select
                  name={field}
                  defaultValue="skipped"
                  className="rounded border border-zinc-300 bg-transparent px-1 dark:border-zinc-700"
                >
                  <option value="done">done outside Firebreak</option>
                  <option value="skipped">not done</option>
                </select>
              </label>
              <label>
                Note{" "}
                <input
                  name={`${field}Note`}
                  maxLength={300}
                  className="rounded border border-zinc-300 bg-transparent px-1 dark:border-zinc-700"
                />
              </label>
            </div>
          ))}
        </OpForm>
      </PermissionGate>
    </>
  );
}
