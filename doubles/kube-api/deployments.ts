// The deployment controller: a template change creates or reuses a ReplicaSet (pod-template hash, revision
// annotations, max+1 on reuse), RollingUpdate/Recreate scaling, history pruning, Deployment status.
import { deploymentStatus } from "./deployment-status";
import { safeSuffix, isPodReady } from "./pods";
import { findResourceType } from "./resources";
import { resolveIntOrPercent, rollingStep } from "./rollout";
import { isoSeconds, type Store } from "./store";
import {
  clone,
  deepEqual,
  stableStringify,
  type KObject,
  type LabelSelectorSpec,
  type PodTemplate,
} from "./types";

export const REVISION = "deployment.kubernetes.io/revision";
export const HASH_LABEL = "pod-template-hash";
const DEPLOYMENTS = findResourceType("apps", "v1", "deployments")!;
const REPLICASETS = findResourceType("apps", "v1", "replicasets")!;

type Spec = {
  replicas?: number;
  selector?: LabelSelectorSpec;
  template?: PodTemplate;
  paused?: boolean;
  strategy?: { type?: string };
  revisionHistoryLimit?: number;
};
export const specOf = (o: KObject) => (o.spec ?? {}) as Spec;
export const revisionOf = (o: KObject) => Number(o.metadata.annotations?.[REVISION] ?? "0");

export function templateWithoutHash(template: PodTemplate | undefined): PodTemplate {
  const t = clone(template ?? {});
  if (t.metadata?.labels) {
    delete t.metadata.labels[HASH_LABEL];
    if (Object.keys(t.metadata.labels).length === 0) delete t.metadata.labels;
  }
  if (t.metadata && Object.keys(t.metadata).length === 0) delete t.metadata;
  return t;
}

export function podTemplateHash(template: PodTemplate | undefined): string {
  return safeSuffix(stableStringify(templateWithoutHash(template)), 10);
}

const CHANGE_CAUSE = "kubernetes.io/change-cause";
const changeCause = (d: KObject): Record<string, string> =>
  d.metadata.annotations?.[CHANGE_CAUSE] ? { [CHANGE_CAUSE]: d.metadata.annotations[CHANGE_CAUSE]! } : {};
export const controlledBy = (o: KObject, owner: KObject) =>
  o.metadata.ownerReferences?.some((r) => r.controller && r.uid === owner.metadata.uid) ?? false;
export const controllerName = (o: KObject, kind: string) =>
  o.metadata.ownerReferences?.find((r) => r.controller && r.kind === kind)?.name;

export interface ControllerContext {
  store: Store;
  emit(object: KObject, component: string, reason: string, message: string): void;
  instant(): boolean;
  clock(): Date;
  podsOf(rs: KObject): KObject[];
}

export class DeploymentReconciler {
  constructor(private ctx: ControllerContext) {}

  private scaledEvent(d: KObject, rs: KObject, from: number, to: number): void {
    if (from === to) return;
    this.ctx.emit(
      d,
      "deployment-controller",
      "ScalingReplicaSet",
      `Scaled ${to > from ? "up" : "down"} replica set ${rs.metadata.name} from ${from} to ${to}`,
    );
  }

  sync(ns: string, name: string): void {
    const d = this.ctx.store.get(DEPLOYMENTS, ns, name);
    if (!d) return;
    const spec = specOf(d);
    const owned = this.ctx.store.list(REPLICASETS, ns).filter((rs) => controlledBy(rs, d));
    const wanted = stableStringify(templateWithoutHash(spec.template));
    let newRS = owned.find((rs) => stableStringify(templateWithoutHash(specOf(rs).template)) === wanted);
    const maxRevision = Math.max(0, ...owned.map(revisionOf));
    const desired = spec.replicas ?? 1;
    if (spec.paused) return this.writeDeploymentStatus(d, newRS, owned);
    const recreate = spec.strategy?.type === "Recreate";
    const old = owned
      .filter((rs) => rs.metadata.uid !== newRS?.metadata.uid && (specOf(rs).replicas ?? 0) > 0)
      .sort((a, b) => revisionOf(a) - revisionOf(b));
    let target = { newReplicas: desired, oldReplicas: old.map(() => 0) };
    if (!recreate && !this.ctx.instant() && old.length > 0) {
      const rolling = (
        spec.strategy as
          { rollingUpdate?: { maxSurge?: number | string; maxUnavailable?: number | string } } | undefined
      )?.rollingUpdate;
      target = rollingStep({
        desired,
        maxSurge: resolveIntOrPercent(rolling?.maxSurge, desired, true, "25%"),
        maxUnavailable: resolveIntOrPercent(rolling?.maxUnavailable, desired, false, "25%"),
        newReplicas: newRS ? (specOf(newRS).replicas ?? 0) : 0,
        newReady: newRS ? this.ctx.podsOf(newRS).filter(isPodReady).length : 0,
        old: old.map((rs) => ({
          replicas: specOf(rs).replicas ?? 0,
          ready: this.ctx.podsOf(rs).filter(isPodReady).length,
        })),
      });
    }
    if (!newRS) {
      const hash = podTemplateHash(spec.template);
      const template = clone(spec.template ?? {});
      template.metadata = {
        ...(template.metadata ?? {}),
        labels: { ...(template.metadata?.labels ?? {}), [HASH_LABEL]: hash },
      };
      newRS = this.ctx.store.create(
        REPLICASETS,
        {
          metadata: {
            name: `${name}-${hash}`,
            namespace: ns,
            labels: { ...(template.metadata.labels ?? {}) },
            annotations: {
              ...changeCause(d),
              [REVISION]: String(maxRevision + 1),
              "deployment.kubernetes.io/desired-replicas": String(desired),
              "deployment.kubernetes.io/max-replicas": String(desired),
            },
            ownerReferences: [
              {
                apiVersion: "apps/v1",
                kind: "Deployment",
                name,
                uid: d.metadata.uid!,
                controller: true,
                blockOwnerDeletion: true,
              },
            ],
          },
          spec: {
            replicas: target.newReplicas,
            selector: {
              ...(spec.selector ?? {}),
              matchLabels: { ...(spec.selector?.matchLabels ?? {}), [HASH_LABEL]: hash },
            },
            template,
          },
        },
        this.ctx.clock(),
      );
      owned.push(newRS);
      this.scaledEvent(d, newRS, 0, target.newReplicas);
    } else if (revisionOf(newRS) < maxRevision || specOf(newRS).replicas !== target.newReplicas) {
      // The real controller gives a reused ReplicaSet the next revision: history then shows gaps.
      const next = clone(newRS);
      next.metadata.annotations = {
        ...(next.metadata.annotations ?? {}),
        [REVISION]: String(revisionOf(newRS) < maxRevision ? maxRevision + 1 : revisionOf(newRS)),
      };
      next.metadata.annotations["deployment.kubernetes.io/desired-replicas"] = String(desired);
      (next.spec as Spec).replicas = target.newReplicas;
      this.scaledEvent(d, newRS, specOf(newRS).replicas ?? 0, target.newReplicas);
      newRS = this.ctx.store.update(REPLICASETS, next);
    }
    old.forEach((rs, i) => {
      const to = target.oldReplicas[i]!;
      if (to === (specOf(rs).replicas ?? 0)) return;
      this.scaledEvent(d, rs, specOf(rs).replicas ?? 0, to);
      this.scaleReplicaSet(rs, to);
    });
    this.pruneHistory(d, newRS);
    this.writeDeploymentStatus(
      this.ctx.store.get(DEPLOYMENTS, ns, name)!,
      newRS,
      this.ctx.store.list(REPLICASETS, ns).filter((rs) => controlledBy(rs, d)),
    );
  }

  private pruneHistory(d: KObject, newRS: KObject): void {
    const limit = specOf(d).revisionHistoryLimit ?? 10;
    const old = this.ctx.store
      .list(REPLICASETS, d.metadata.namespace)
      .filter(
        (rs) =>
          controlledBy(rs, d) &&
          rs.metadata.uid !== newRS.metadata.uid &&
          (specOf(rs).replicas ?? 0) === 0 &&
          this.ctx.podsOf(rs).length === 0,
      )
      .sort((a, b) => revisionOf(a) - revisionOf(b));
    for (const rs of old.slice(0, Math.max(0, old.length - limit)))
      this.ctx.store.delete(REPLICASETS, rs.metadata.namespace, rs.metadata.name);
  }

  private scaleReplicaSet(rs: KObject, replicas: number): void {
    const next = clone(rs);
    (next.spec as Spec).replicas = replicas;
    this.ctx.store.update(REPLICASETS, next);
  }

  private writeDeploymentStatus(d: KObject, newRS: KObject | undefined, owned: KObject[]): void {
    const pods = owned.flatMap((rs) => this.ctx.podsOf(rs));
    const status = deploymentStatus(d, {
      desired: specOf(d).replicas ?? 1,
      pods: pods.length,
      updated: newRS ? this.ctx.podsOf(newRS).length : 0,
      ready: pods.filter(isPodReady).length,
      newRSName: newRS?.metadata.name ?? d.metadata.name,
      now: isoSeconds(this.ctx.clock()),
    });
    const previous = (d.status ?? {}) as { conditions?: Array<{ status: string; reason: string }> };
    const annotations = { ...(d.metadata.annotations ?? {}) };
    if (newRS) annotations[REVISION] = String(revisionOf(newRS));
    const sameStatus =
      deepEqual({ ...status, conditions: undefined }, { ...(d.status ?? {}), conditions: undefined }) &&
      deepEqual(
        (status.conditions as Array<{ status: string; reason: string }>).map((c) => [c.status, c.reason]),
        (previous.conditions ?? []).map((c) => [c.status, c.reason]),
      );
    if (sameStatus && deepEqual(annotations, d.metadata.annotations ?? {})) return;
    this.ctx.store.update(DEPLOYMENTS, { ...d, metadata: { ...d.metadata, annotations }, status });
  }
}
