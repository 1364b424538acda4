import { PermissionGate } from "@/components/permission-gate";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { WATCH_CHECKS, WATCH_MODES } from "@/lib/deployments/decide";
import { observeRollouts, type RolloutsRead } from "@/lib/deployments/rollouts";
import { listWatches } from "@/lib/deployments/store";
import { planSwitch, type SwitchPlan } from "@/lib/deployments/switch";
import { isAppError, isDatabaseUnreachable } from "@/lib/errors";
import { formatDiffLine } from "@/lib/kube/diff";
import { listServices } from "@/lib/services/queries";

import { startSwitchFormAction } from "./actions";
import { DeployForm } from "./deploy-form";
import { LiveRefresh } from "./live-refresh";
import { RolloutsSection } from "./rollouts-section";
import { WatchCard } from "./watch-card";

export const metadata = { title: "Deployments" };
export const dynamic = "force-dynamic";

const SELECT = "rounded border border-zinc-300 bg-transparent px-2 py-1 text-sm dark:border-zinc-700";
const MODE_LABEL = { blue_green: "Blue-green (version=new)", emergency: "Emergency (version=emergency)" };

/** Traffic switches under watch (runbook 001 · Deployment Procedures): check, dry run, confirm,
 * then the watch with each check's result. */
export default async function DeploymentsPage({
  searchParams,
}: {
  searchParams: Promise<{ service?: string; mode?: string }>;
}) {
  const sp = await searchParams;
  const mode = WATCH_MODES.find((m) => m === sp.mode) ?? "blue_green";
  let services, watches;
  try {
    [services, watches] = await Promise.all([listServices(), listWatches()]);
  } catch (e) {
    if (!isDatabaseUnreachable(e)) throw e;
    return (
      <p role="alert" className="rounded border border-red-500/40 bg-red-500/10 p-3 text-sm">
        The database is unreachable; deployments cannot be shown. Reload in a moment.
      </p>
    );
  }
  const actor = await getActor();
  let plan: SwitchPlan | null = null;
  let planError: string | null = null;
  // Read as the person looking (impersonated), like the switch's dry run.
  const rollouts: RolloutsRead | null = can(actor, "cluster:act") ? await observeRollouts(actor) : null;
  if (sp.service && can(actor, "cluster:act")) {
    try {
      plan = await planSwitch(sp.service, mode, actor);
    } catch (e) {
      if (!isAppError(e)) throw e;
      planError = e.message;
    }
  }
  return (
    <div className="space-y-6">
      <LiveRefresh active={watches.some((w) => w.state === "watching")} />
      <div>
        <h1 className="text-xl font-semibold">Deployments</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          Switch a service&apos;s traffic to its new version, then watch it: {WATCH_CHECKS} checks one minute
          apart (/health/live, /health/ready, no SEV-1+), rolled back to stable by itself on the first
          failure. The emergency switch is watched until a person ends it. A rollout of a Deployment can be
          watched the same way, with its undo offered if a check fails.
        </p>
      </div>
      <section aria-labelledby="switch-heading" className="space-y-3">
        <h2 id="switch-heading" className="text-lg font-semibold">
          Switch traffic
        </h2>
        <form method="get" aria-label="Check a switch" className="flex flex-wrap items-end gap-2">
          <label className="text-sm">
            Service{" "}
            <select name="service" defaultValue={sp.service ?? ""} className={SELECT}>
              {services.map((s) => (
                <option key={s.id} value={s.name}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            Kind{" "}
            <select name="mode" defaultValue={mode} className={SELECT}>
              {WATCH_MODES.map((m) => (
                <option key={m} value={m}>
                  {MODE_LABEL[m]}
                </option>
              ))}
            </select>
          </label>
          <button
            type="submit"
            className="rounded border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700"
          >
            Run pre-checks and dry run
          </button>
        </form>
        {planError ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            {planError}
          </p>
        ) : null}
        {plan && sp.service ? <PlanView plan={plan} service={sp.service} mode={mode} /> : null}
      </section>
      {rollouts ? <RolloutsSection read={rollouts} /> : null}
      <section aria-labelledby="watches-heading" className="space-y-3">
        <h2 id="watches-heading" className="text-lg font-semibold">
          Watches
        </h2>
        {watches.length === 0 ? <p className="text-sm text-zinc-500">No switch watched yet.</p> : null}
        {watches.map((w) => (
          <WatchCard key={w.id} watch={w} />
        ))}
      </section>
    </div>
  );
}

function PlanView({ plan, service, mode }: { plan: SwitchPlan; service: string; mode: string }) {
  const { preview } = plan;
  return (
    <div
      aria-label="Switch plan"
      className="space-y-2 rounded border border-zinc-200 p-3 text-sm dark:border-zinc-800"
    >
      <ul aria-label="Pre-checks" className="space-y-0.5">
        {plan.preChecks.map((c) => (
          <li
            key={c.name}
            className={c.ok ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}
          >
            {c.ok ? "✓" : "✗"} {c.name}: {c.detail}
          </li>
        ))}
      </ul>
      <p>
        Dry run: {preview.describe}
        {preview.diff.length > 0 ? ` (${preview.diff.map(formatDiffLine).join("; ")})` : ""}
        {preview.dryRunError ? ` — refused: ${preview.dryRunError}` : ""}
      </p>
      <pre className="overflow-x-auto rounded bg-zinc-100 p-2 text-xs dark:bg-zinc-900">
        {preview.kubectl}
      </pre>
      <PermissionGate permission="cluster:act:destructive">
        {plan.ready ? (
          <DeployForm
            action={startSwitchFormAction}
            label="Confirm switch"
            submit="Confirm switch"
            pendingText="Switching…"
          >
            <input type="hidden" name="service" value={service} />
            <input type="hidden" name="mode" value={mode} />
          </DeployForm>
        ) : (
          <p className="text-red-700 dark:text-red-300">A pre-check failed: nothing can be sent.</p>
        )}
      </PermissionGate>
    </div>
  );
}
