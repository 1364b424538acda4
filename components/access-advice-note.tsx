import type { AccessAdvice } from "@/lib/kube/access-advice";

/** The permission preview in the action dialog: advice, never a gate. Says whom the cluster will
 * see (the person, or plainly Firebreak's own account when impersonation is off). */
export function AccessAdviceNote({ access }: { access: AccessAdvice }) {
  const who =
    access.actingAs === undefined
      ? null
      : access.actingAs === null
        ? "Actions run as Firebreak's own Kubernetes account (impersonation is off), not as you."
        : `Runs in Kubernetes as ${access.actingAs}.`;
  return (
    <div className="space-y-1">
      {access.state === "allowed" ? (
        <p className="text-ok">✓ Your Kubernetes credentials allow this.</p>
      ) : access.state === "denied" ? (
        <p className="text-red-600 dark:text-red-400">
          ✗ The API server says you may not: {access.reasons.join("; ")}. You can still try; its answer to the
          real request is what counts.
        </p>
      ) : (
        <p className="text-amber-700 dark:text-amber-300">{access.reasons.join("; ")}</p>
      )}
      {who ? <p className="text-zinc-600 dark:text-zinc-400">{who}</p> : null}
    </div>
  );
}
