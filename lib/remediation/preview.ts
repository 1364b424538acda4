import "server-only";

import { isAppError } from "@/lib/errors";
import type { Cluster } from "@/lib/kube/cluster";
import { accessAdvice, type AccessAdvice } from "@/lib/kube/access-advice";
import type { DiffLine } from "@/lib/kube/diff";
import type { WatchedService } from "@/lib/services/queries";

import { prepareChange } from "./changes";
import { getCluster } from "./cluster-factory";
import { ACTION_LABELS, type ActionKind, type ActionRequest } from "./schemas";
import { describeServing, type Refusal, type ServingPreview } from "./serving";
import { findLatestRunFor } from "./store";
import { getIncidentTarget } from "./target";

export type ActionPreview = {
  kind: ActionKind;
  label: string;
  service: string;
  describe: string;
  /** Before → after as the API server computed it (dryRun=All). */
  diff: DiffLine[];
  /** Why the dry run was refused (e.g. 403), in plain words; confirm stays disabled. */
  dryRunError: string | null;
  kubectl: string;
  isNoop: boolean;
  /** Selector changes: the pods the new selector selects, and "N ready pods will serve…". */
  serving: (ServingPreview & { summary: string }) | null;
  /** Why confirming would be refused; nothing is sent (the dialog says it in these words). */
  refusal: Refusal | null;
  /** Set when the Service's selector lacks the label: what the add-label variant would add. */
  labelToAdd: string | null;
  /** Advice, never a gate: "unknown" when the access review itself failed. */
  access: AccessAdvice;
  lastRun: { id: number; actor: string; at: string } | null;
};

/** What the confirm dialog shows: a server-side dry run of the exact change, the equivalent
 * kubectl command, and whether the configured credentials allow it (SelfSubjectAccessReview). */
export async function previewAction(
  input: ActionRequest,
  deps: { cluster?: Cluster } = {},
): Promise<ActionPreview> {
  const { service } = await getIncidentTarget(input.incidentId);
  return previewActionOn(service, input, deps);
}

/** The same preview for a service with no incident in hand (a deployment's traffic switch). */
export async function previewActionOn(
  service: WatchedService,
  input: Omit<ActionRequest, "incidentId">,
  deps: { cluster?: Cluster } = {},
): Promise<ActionPreview> {
  const cluster = deps.cluster ?? getCluster(service.k8s.context);
  const change = await prepareChange(cluster, service, input);
  const [dryRun, checks, last] = await Promise.all([
    change.isNoop || change.refusal
      ? Promise.resolve({ diff: [] as DiffLine[], error: null })
      : change.apply({ dryRun: true }).then(
          (diff) => ({ diff, error: null }),
          (e: unknown) => ({
            diff: [] as DiffLine[],
            error: isAppError(e) ? e.message : "The dry run failed.",
          }),
        ),
    accessAdvice(change.access.map((a) => cluster.checkAccess(a))),
    findLatestRunFor({
      namespace: change.namespace,
      targetName: change.targetName,
      kind: change.kind,
      desired: change.desired,
    }),
  ]);
  return {
    kind: change.kind,
    label: ACTION_LABELS[change.kind],
    service: service.name,
    describe: change.describe,
    diff: dryRun.diff,
    dryRunError: dryRun.error,
    kubectl: change.kubectl,
    isNoop: change.isNoop,
    serving: change.serving ? { ...change.serving, summary: describeServing(change.serving) } : null,
    refusal: change.refusal,
    labelToAdd: change.params.addsLabel ? `${change.params.selectorLabel}=${change.params.to}` : null,
    access: checks,
    lastRun:
      last && last.outcome === "succeeded"
        ? { id: last.id, actor: last.actor, at: last.finishedAt ?? last.startedAt }
        : null,
  };
}
