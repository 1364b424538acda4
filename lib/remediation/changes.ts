import { AppError } from "@/lib/errors";
import type { AccessRequest, Cluster } from "@/lib/kube/cluster";
import { diffJson, type DiffLine } from "@/lib/kube/diff";
import { renderKubectl } from "@/lib/kube/kubectl-command";
import { describeSelector, isEmptySelector } from "@/lib/kube/label-selector";
import {
  containmentPolicyName,
  planRolloutUndo,
  planScale,
  planSelectorSwitch,
} from "@/lib/kube/rollback-plan";
import type { WatchedService } from "@/lib/services/queries";

import type { ActionKind, ActionRequest } from "./schemas";
import { selectorSwitchRefusal, summarizeServing, type Refusal, type ServingPreview } from "./serving";

/** Labels Firebreak puts on what it creates (the containment NetworkPolicy). */
export const MANAGED_BY_LABELS = { "app.kubernetes.io/managed-by": "firebreak" };

/** One planned cluster change, before anything is sent. `apply` sends it (or its dry run)
 * and returns the before → after lines the API reported. */
export type PreparedChange = {
  kind: ActionKind;
  namespace: string;
  targetKind: "Service" | "Deployment";
  targetName: string;
  /** The desired state, part of the idempotency key (e.g. "version=stable"). */
  desired: string;
  /** resourceVersion the plan was made against (the other part of the key). */
  observedVersion: string;
  isNoop: boolean;
  params: Record<string, string | number | null>;
  kubectl: string;
  access: AccessRequest[];
  /** One line for the timeline, e.g. "service default/api-optimizer: version new → stable". */
  describe: string;
  /** Selector changes: the pods the new selector selects and how many are Ready. */
  serving: ServingPreview | null;
  /** Why the change must not be sent (it would cut traffic, or needs the explicit variant). */
  refusal: Refusal | null;
  apply(opts: { dryRun: boolean }): Promise<DiffLine[]>;
};

type Input = Pick<ActionRequest, "kind" | "toRevision" | "replicas" | "variant" | "switchTo">;

/** Reads the live object and plans the change the request asks for (pure planning in lib/kube). */
export async function prepareChange(
  cluster: Cluster,
  service: WatchedService,
  input: Input,
): Promise<PreparedChange> {
  const {
    namespace,
    deployment: deploymentName,
    service: serviceName,
    selectorLabel,
    stableValue,
  } = service.k8s;
  const svcRef = { namespace, name: serviceName };
  const depRef = { namespace, name: deploymentName };
  const patchAccess = (
    resource: string,
    name: string,
    subresource?: string,
    group = "apps",
  ): AccessRequest => ({
    verb: "patch",
    group,
    resource,
    subresource,
    namespace,
    name,
  });

  if (input.kind === "rollback" || input.kind === "switch") {
    // The rollback points the selector back at the stable version; a traffic switch points it
    // at the new (or emergency) version with the same plan, pre-flight and guarded patch.
    const value = input.kind === "switch" ? (input.switchTo ?? "new") : stableValue;
    // Both reads at once: the pods carrying the target label are a superset of those the new
    // selector selects, narrowed below by its other labels once the Service is read.
    const candidates = cluster.listPods(namespace, { [selectorLabel]: value });
    candidates.catch(() => undefined);
    const before = await cluster.getService(svcRef);
    const plan = planSelectorSwitch(before, selectorLabel, value);
    // Pre-flight: the pods the new selector would route to, read from the cluster.
    const serving = summarizeServing(
      plan.after,
      plan.isNoop ? [] : (await candidates).filter((p) => selects(plan.after, p.labels)),
    );
    const refusal = plan.isNoop
      ? null
      : selectorSwitchRefusal({
          service: serviceName,
          label: selectorLabel,
          stableValue: value,
          before: before.selector,
          addsLabel: plan.addsLabel,
          addLabelChosen: input.kind === "rollback" && input.variant === "add-label",
          serving,
        });
    return {
      kind: input.kind,
      namespace,
      targetKind: "Service",
      targetName: serviceName,
      desired: `${selectorLabel}=${value}`,
      observedVersion: before.resourceVersion,
      isNoop: plan.isNoop,
      params: { selectorLabel, from: plan.from, to: plan.to, addsLabel: plan.addsLabel ? 1 : 0 },
      kubectl: renderKubectl({ kind: "patch-service-json", namespace, service: serviceName, ops: plan.ops }),
      access: [patchAccess("services", serviceName, undefined, "")],
      describe: plan.addsLabel
        ? `service ${namespace}/${serviceName}: add ${selectorLabel}=${plan.to} to the selector (${describeSelector({ matchLabels: before.selector })})`
        : `service ${namespace}/${serviceName}: ${selectorLabel} ${plan.from ?? "(none)"} → ${plan.to}`,
      serving,
      refusal,
      apply: async ({ dryRun }) =>
        diffJson(before.selector, (await cluster.patchService(svcRef, plan.ops, { dryRun })).selector),
    };
  }

  const before = await cluster.getDeployment(depRef);
  const common = {
    namespace,
    targetKind: "Deployment" as const,
    targetName: deploymentName,
    observedVersion: before.resourceVersion,
    serving: null,
    refusal: null,
  };

  if (input.kind === "undo") {
    const revisions = await cluster.listRevisions(before);
    const plan = planned(() => planRolloutUndo(before, revisions, input.toRevision));
    return {
      ...common,
      kind: "undo",
      desired: `revision=${plan.toRevision}`,
      isNoop: plan.isNoop,
      params: {
        fromRevision: plan.fromRevision,
        toRevision: plan.toRevision,
        fromImages: before.images.join(","),
        toImages: revisions.find((r) => r.revision === plan.toRevision)?.images.join(",") ?? null,
      },
      kubectl: renderKubectl({
        kind: "rollout-undo",
        namespace,
        deployment: deploymentName,
        toRevision: plan.toRevision,
      }),
      access: [patchAccess("deployments", deploymentName)],
      describe: `deployment ${namespace}/${deploymentName}: revision ${plan.fromRevision ?? "?"} → template of revision ${plan.toRevision}`,
      apply: async ({ dryRun }) => {
        const after = await cluster.patchDeployment(depRef, plan.ops, { dryRun });
        return diffJson({ images: before.images }, { images: after.images });
      },
    };
  }

  if (input.kind === "scale" || input.kind === "containment") {
    const replicas = input.kind === "containment" ? 0 : (input.replicas ?? before.replicas);
    const plan = planned(() => planScale(before, replicas));
    const policy = containmentPolicyName(deploymentName);
    // The Deployment's full selector (matchLabels and matchExpressions); an empty one would
    // select every pod of the namespace, so containment is refused instead.
    const podSelector = before.selector;
    const scaleCmd = renderKubectl({ kind: "scale", namespace, deployment: deploymentName, replicas });
    const contain = input.kind === "containment";
    return {
      ...common,
      kind: input.kind,
      desired: contain ? "contained" : `replicas=${replicas}`,
      isNoop: !contain && plan.isNoop,
      params: contain
        ? { fromReplicas: plan.from, toReplicas: 0, networkPolicy: policy }
        : { fromReplicas: plan.from, toReplicas: plan.to },
      kubectl: contain
        ? `${renderKubectl({ kind: "deny-ingress", namespace, policy, labels: MANAGED_BY_LABELS, podSelector })}\n${scaleCmd}`
        : scaleCmd,
      access: contain
        ? [
            patchAccess("deployments", deploymentName, "scale"),
            { verb: "create", group: "networking.k8s.io", resource: "networkpolicies", namespace },
          ]
        : [patchAccess("deployments", deploymentName, "scale")],
      refusal:
        contain && isEmptySelector(podSelector)
          ? {
              code: "no_ready_pods" as const,
              message: `Deployment ${deploymentName} has an empty selector: a NetworkPolicy with it would deny ingress to every pod in ${namespace}. Nothing was sent.`,
            }
          : null,
      describe: contain
        ? `deployment ${namespace}/${deploymentName}: replicas ${plan.from} → 0, ingress denied by network policy ${policy}`
        : `deployment ${namespace}/${deploymentName}: replicas ${plan.from} → ${plan.to}`,
      apply: async ({ dryRun }) => {
        const lines: DiffLine[] = [];
        if (contain) {
          // Policy first: if it fails, nothing has been scaled down yet.
          const { created } = await cluster.applyDenyIngressPolicy({ namespace, name: policy }, podSelector, {
            dryRun,
          });
          lines.push({
            path: `networkpolicy/${policy}`,
            before: created ? null : "deny-ingress",
            after: "deny-ingress",
          });
        }
        const after = await cluster.scaleDeployment(depRef, replicas, { dryRun });
        lines.push(...diffJson({ replicas: before.replicas }, { replicas: after.replicas }));
        return lines;
      },
    };
  }

  const at = new Date().toISOString();
  return {
    ...common,
    kind: "restart",
    desired: "restarted",
    isNoop: false,
    params: { restartedAt: at },
    kubectl: renderKubectl({ kind: "rollout-restart", namespace, deployment: deploymentName }),
    access: [patchAccess("deployments", deploymentName)],
    describe: `deployment ${namespace}/${deploymentName}: rollout restart`,
    apply: async ({ dryRun }) => {
      const after = await cluster.restartDeployment(depRef, at, { dryRun });
      return diffJson({ restartedAt: before.restartedAt }, { restartedAt: after.restartedAt });
    },
  };
}

function selects(selector: Record<string, string>, labels: Record<string, string>): boolean {
  for (const k in selector) if (labels[k] !== selector[k]) return false;
  return true;
}

/** Planning refusals ("no previous revision") are the user's to fix: show them as they are. */
function planned<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw new AppError("INVALID_INPUT", (e as Error).message);
  }
}
