import type { DeploymentView, JsonPatchOp, PodTemplate, RevisionView, ServiceSelectorView } from "./cluster";

/** Pure planning of every cluster change: what would change, and the exact patch to send. */

export const REVISION_ANNOTATION = "deployment.kubernetes.io/revision";
export const RESTARTED_AT_ANNOTATION = "kubectl.kubernetes.io/restartedAt";
const POD_TEMPLATE_HASH = "pod-template-hash";
/** Deployment annotations `kubectl rollout undo` keeps from the deployment, not the ReplicaSet. */
const ANNOTATIONS_TO_SKIP = new Set([
  "kubectl.kubernetes.io/last-applied-configuration",
  REVISION_ANNOTATION,
  "deployment.kubernetes.io/revision-history",
  "deployment.kubernetes.io/desired-replicas",
  "deployment.kubernetes.io/max-replicas",
  "deprecated.deployment.rollback.to",
]);

/** RFC 6901: `~` → `~0`, `/` → `~1` (label keys like `app.kubernetes.io/name`). */
export function escapePointer(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

export type SelectorSwitchPlan = {
  from: string | null;
  to: string;
  isNoop: boolean;
  /** The Service's selector after the switch (what the pre-flight lists pods with). */
  after: Record<string, string>;
  /** The selector has no such label: the patch adds one (a separately confirmed variant). */
  addsLabel: boolean;
  /** Exactly what is sent, and what the shown kubectl command sends: a `test` of what we saw,
   * then the runbook's `replace` (or an `add` when the label is missing). */
  ops: JsonPatchOp[];
};

/** Emergency rollback (runbook 001 "Emergency rollback (< 30 seconds)"): point the Service's
 * selector label back at the stable version. */
export function planSelectorSwitch(
  service: ServiceSelectorView,
  label: string,
  stableValue: string,
): SelectorSwitchPlan {
  const path = `/spec/selector/${escapePointer(label)}`;
  const from = service.selector[label] ?? null;
  const ops: JsonPatchOp[] =
    from === null
      ? [
          { op: "test", path: "/spec/selector", value: { ...service.selector } },
          { op: "add", path, value: stableValue },
        ]
      : [
          { op: "test", path, value: from },
          { op: "replace", path, value: stableValue },
        ];
  return {
    from,
    to: stableValue,
    isNoop: from === stableValue,
    after: { ...service.selector, [label]: stableValue },
    addsLabel: from === null,
    ops,
  };
}

export type UndoPlan = {
  fromRevision: number | null;
  toRevision: number;
  isNoop: boolean;
  ops: JsonPatchOp[];
};

/** Same effect as `kubectl rollout undo [--to-revision=N]`: one JSON patch replacing
 * `/spec/template` with the ReplicaSet's template (minus `pod-template-hash`) and
 * `/metadata/annotations`, guarded by a `test` of the resourceVersion we planned against. */
export function planRolloutUndo(
  deployment: DeploymentView,
  revisions: RevisionView[],
  toRevision?: number,
): UndoPlan {
  const current = deployment.revision ?? Math.max(0, ...revisions.map((r) => r.revision));
  const target =
    toRevision === undefined
      ? revisions.filter((r) => r.revision < current).sort((a, b) => b.revision - a.revision)[0]
      : revisions.find((r) => r.revision === toRevision);
  if (!target) {
    throw new Error(
      toRevision === undefined
        ? "There is no previous revision to roll back to."
        : `Revision ${toRevision} is not in the history.`,
    );
  }
  const template = stripTemplateHash(target.template);
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(deployment.annotations))
    if (ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  for (const [k, v] of Object.entries(target.annotations))
    if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  return {
    fromRevision: deployment.revision,
    toRevision: target.revision,
    isNoop: sameJson(stripTemplateHash(deployment.template), template),
    ops: [
      { op: "test", path: "/metadata/resourceVersion", value: deployment.resourceVersion },
      { op: "replace", path: "/spec/template", value: template },
      { op: "replace", path: "/metadata/annotations", value: annotations },
    ],
  };
}

export function stripTemplateHash(template: PodTemplate): PodTemplate {
  const copy = structuredClone(template) as { metadata?: { labels?: Record<string, string> } };
  if (copy.metadata?.labels) delete copy.metadata.labels[POD_TEMPLATE_HASH];
  return copy as PodTemplate;
}

export type ScalePlan = { from: number; to: number; isNoop: boolean };

export function planScale(deployment: DeploymentView, replicas: number): ScalePlan {
  if (!Number.isInteger(replicas) || replicas < 0) throw new Error("Replicas must be a whole number ≥ 0.");
  return { from: deployment.replicas, to: replicas, isNoop: deployment.replicas === replicas };
}

/** Name of the containment NetworkPolicy for a deployment (seed 001 "Security Incident Response"). */
export function containmentPolicyName(deployment: string): string {
  return `firebreak-deny-ingress-${deployment}`.slice(0, 63);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object")
    return Object.fromEntries(
      Object.entries(v)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, x]) => [k, sortKeys(x)]),
    );
  return v;
}
