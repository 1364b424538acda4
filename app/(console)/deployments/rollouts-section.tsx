import { PermissionGate } from "@/components/permission-gate";
import type { RolloutsRead } from "@/lib/deployments/rollouts";
import { shortImages } from "@/lib/deployments/rollout-view";

import { startRolloutWatchFormAction } from "./actions";
import { DeployForm } from "./deploy-form";

/** The rollouts Firebreak observes: each watched service's Deployment revision, the one a
 * `rollout undo` would return to, and a watch to start on a rollout not watched yet. */
export function RolloutsSection({ read }: { read: RolloutsRead }) {
  return (
    <section aria-labelledby="rollouts-heading" className="space-y-3">
      <h2 id="rollouts-heading" className="text-lg font-semibold">
        Rollouts
      </h2>
      <p className="max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
        Each watched service&apos;s Deployment revision, read from the cluster. A rollout can be watched with
        the same checks as a switch; if a check fails, <code>kubectl rollout undo</code> to the previous
        revision is offered.
      </p>
      {read.rollouts.length === 0 && read.unreadable.length === 0 ? (
        <p className="text-sm text-zinc-500">No watched service has a Deployment revision yet.</p>
      ) : null}
      <ul aria-label="Observed rollouts" className="space-y-2">
        {read.rollouts.map((r) => (
          <li
            key={r.service}
            aria-label={`Rollout of ${r.service}`}
            className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded border border-zinc-200 p-3 text-sm dark:border-zinc-800"
          >
            <span className="font-semibold">
              {r.namespace}/{r.deployment} revision {r.revision}
            </span>
            <span>{shortImages(r.images)}</span>
            {r.changeCause ? <span className="text-zinc-500">“{r.changeCause}”</span> : null}
            <span className="text-zinc-500">
              {r.pods.ready}/{r.pods.desired} ready · {r.pods.updated} updated
              {r.settled ? "" : " · rolling out"}
            </span>
            <span className="text-zinc-500">
              {r.previous
                ? `before: revision ${r.previous.revision} (${shortImages(r.previous.images)})`
                : "no previous revision"}
            </span>
            {r.watch ? (
              <span className="text-zinc-600 dark:text-zinc-400">
                Watched: watch #{r.watch.id} ({r.watch.state.replace("_", " ")})
              </span>
            ) : (
              <PermissionGate permission="cluster:act:destructive" compact>
                <DeployForm
                  action={startRolloutWatchFormAction}
                  label={`Watch the rollout of ${r.service}`}
                  submit="Watch this rollout"
                  pendingText="Starting…"
                >
                  <input type="hidden" name="service" value={r.service} />
                  <input type="hidden" name="revision" value={r.revision} />
                </DeployForm>
              </PermissionGate>
            )}
          </li>
        ))}
      </ul>
      {read.unreadable.map((u) => (
        <p key={u.service} role="alert" className="text-sm text-red-700 dark:text-red-300">
          {u.service}: the Deployment could not be read — {u.message}
        </p>
      ))}
    </section>
  );
}
