// Controller simulation: Deployment → ReplicaSet (by pod-template hash, revision annotations) → Pods
// (ready after a delay) → Deployment status; Service endpoints; garbage collection by ownerReferences.
import { deleteServiceEndpoints, syncAllEndpoints } from "./endpoints";
import { deploymentStatus } from "./deployment-status";
import { EventRecorder } from "./events";
import { Kubelet } from "./kubelet";
import { resolveIntOrPercent, rollingStep } from "./rollout";
import { isPodReady, safeSuffix } from "./pods";
import { findResourceType } from "./resources";
import { resourceKey, isoSeconds, type Store, type StoreEvent } from "./store";
import { clone, deepEqual, stableStringify, type KObject, type LabelSelectorSpec, type PodTemplate } from "./types";

export const REVISION = "deployment.kubernetes.io/revision";
export const HASH_LABEL = "pod-template-hash";
const DEPLOYMENTS = findResourceType("apps", "v1", "deployments")!;
const REPLICASETS = findResourceType("apps", "v1", "replicasets")!;
const PODS = findResourceType("", "v1", "pods")!;
const SERVICES = findResourceType("", "v1", "services")!;

type Spec = { replicas?: number; selector?: LabelSelectorSpec; template?: PodTemplate; paused?: boolean; strategy?: { type?: string }; revisionHistoryLimit?: number };
const specOf = (o: KObject) => (o.spec ?? {}) as Spec;
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
const changeCause = (d: KObject): Record<string, string> => (d.metadata.annotations?.[CHANGE_CAUSE] ? { [CHANGE_CAUSE]: d.metadata.annotations[CHANGE_CAUSE]! } : {});
const controlledBy = (o: KObject, owner: KObject) => o.metadata.ownerReferences?.some((r) => r.controller && r.uid === owner.metadata.uid) ?? false;
const controllerName = (o: KObject, kind: string) => o.metadata.ownerReferences?.find((r) => r.controller && r.kind === kind)?.name;

export class Controller {
  private queue = new Set<string>();
  private deferred: Array<() => void> = [];
  private flushScheduled = false;
  /** Seeding mode: pods are created Ready, started at `clock()`. */
  instant = false;
  clock: () => Date = () => new Date();
  private events: EventRecorder;
  private kubelet: Kubelet;

  constructor(
    private store: Store,
    public readyDelayMs: number,
  ) {
    this.events = new EventRecorder(store);
    this.kubelet = new Kubelet(store, (o, c, r, m) => this.emit(o, c, r, m));
    store.subscribe((e) => this.onEvent(e));
  }

  private emit(object: KObject, component: string, reason: string, message: string): void {
    this.events.enabled = !this.instant;
    this.events.record(object, component, reason, message);
  }

  private scaledEvent(d: KObject, rs: KObject, from: number, to: number): void {
    if (from === to) return;
    this.emit(d, "deployment-controller", "ScalingReplicaSet", `Scaled ${to > from ? "up" : "down"} replica set ${rs.metadata.name} from ${from} to ${to}`);
  }

  private onEvent(e: StoreEvent): void {
    const ns = e.namespace ?? "";
    const name = e.object.metadata.name;
    if (e.resource === resourceKey(DEPLOYMENTS)) {
      if (e.type === "DELETED") this.defer(() => this.collect(e.object));
      else this.enqueue(`deploy:${ns}/${name}`);
    } else if (e.resource === resourceKey(REPLICASETS)) {
      if (e.type === "DELETED") this.defer(() => this.collect(e.object));
      else this.enqueue(`rs:${ns}/${name}`);
      const owner = controllerName(e.object, "Deployment");
      if (owner) this.enqueue(`deploy:${ns}/${owner}`);
    } else if (e.resource === resourceKey(PODS)) {
      if (e.type === "ADDED" && !e.object.status) this.defer(() => this.kubelet.adopt(e.object, this.readyDelayMs));
      const owner = controllerName(e.object, "ReplicaSet");
      if (owner) this.enqueue(`rs:${ns}/${owner}`);
      this.enqueue(`endpoints:${ns}`);
    } else if (e.resource === resourceKey(SERVICES)) {
      if (e.type === "DELETED") this.defer(() => deleteServiceEndpoints(this.store, e.object));
      else this.enqueue(`endpoints:${ns}`);
    }
  }

  /** Work triggered by a store event runs after that event reached every listener (watchers see events in order). */
  private defer(fn: () => void): void {
    this.deferred.push(fn);
    this.schedule();
  }

  private enqueue(key: string): void {
    this.queue.add(key);
    this.schedule();
  }

  private schedule(): void {
    if (!this.flushScheduled && !this.instant) {
      this.flushScheduled = true;
      queueMicrotask(() => this.flush());
    }
  }

  /** Runs reconciliation until nothing is left to do. */
  flush(): void {
    this.flushScheduled = false;
    for (let i = 0; i < 10_000 && (this.queue.size > 0 || this.deferred.length > 0); i++) {
      const work = this.deferred.shift();
      if (work) {
        work();
        continue;
      }
      const key = this.queue.values().next().value!;
      this.queue.delete(key);
      const [kind, rest] = key.split(":") as [string, string];
      const [ns, name] = rest.split("/") as [string, string | undefined];
      if (kind === "deploy") this.syncDeployment(ns, name!);
      else if (kind === "rs") this.syncReplicaSet(ns, name!);
      else if (kind === "endpoints") syncAllEndpoints(this.store, ns);
    }
  }

  /** Cancels pending pod-readiness timers (reset). */
  stop(): void {
    this.kubelet.stop();
    this.deferred = [];
    this.queue.clear();
  }

  private collect(owner: KObject): void {
    const ns = owner.metadata.namespace;
    for (const rt of [REPLICASETS, PODS]) {
      for (const o of this.store.list(rt, ns)) if (controlledBy(o, owner)) this.store.delete(rt, ns, o.metadata.name);
    }
  }

  private syncDeployment(ns: string, name: string): void {
    const d = this.store.get(DEPLOYMENTS, ns, name);
    if (!d) return;
    const spec = specOf(d);
    const owned = this.store.list(REPLICASETS, ns).filter((rs) => controlledBy(rs, d));
    const wanted = stableStringify(templateWithoutHash(spec.template));
    let newRS = owned.find((rs) => stableStringify(templateWithoutHash(specOf(rs).template)) === wanted);
    const maxRevision = Math.max(0, ...owned.map(revisionOf));
    const desired = spec.replicas ?? 1;
    if (spec.paused) return this.writeDeploymentStatus(d, newRS, owned);
    const recreate = spec.strategy?.type === "Recreate";
    const old = owned.filter((rs) => rs.metadata.uid !== newRS?.metadata.uid && (specOf(rs).replicas ?? 0) > 0).sort((a, b) => revisionOf(a) - revisionOf(b));
    let target = { newReplicas: desired, oldReplicas: old.map(() => 0) };
    if (!recreate && !this.instant && old.length > 0) {
      const rolling = (spec.strategy as { rollingUpdate?: { maxSurge?: number | string; maxUnavailable?: number | string } } | undefined)?.rollingUpdate;
      target = rollingStep({
        desired,
        maxSurge: resolveIntOrPercent(rolling?.maxSurge, desired, true, "25%"),
        maxUnavailable: resolveIntOrPercent(rolling?.maxUnavailable, desired, false, "25%"),
        newReplicas: newRS ? (specOf(newRS).replicas ?? 0) : 0,
        newReady: newRS ? this.podsOf(newRS).filter(isPodReady).length : 0,
        old: old.map((rs) => ({ replicas: specOf(rs).replicas ?? 0, ready: this.podsOf(rs).filter(isPodReady).length })),
      });
    }
    if (!newRS) {
      const hash = podTemplateHash(spec.template);
      const template = clone(spec.template ?? {});
      template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), [HASH_LABEL]: hash } };
      newRS = this.store.create(REPLICASETS, {
        metadata: {
          name: `${name}-${hash}`,
          namespace: ns,
          labels: { ...(template.metadata.labels ?? {}) },
          annotations: { ...changeCause(d), [REVISION]: String(maxRevision + 1), "deployment.kubernetes.io/desired-replicas": String(desired), "deployment.kubernetes.io/max-replicas": String(desired) },
          ownerReferences: [{ apiVersion: "apps/v1", kind: "Deployment", name, uid: d.metadata.uid!, controller: true, blockOwnerDeletion: true }],
        },
        spec: {
          replicas: target.newReplicas,
          selector: { ...(spec.selector ?? {}), matchLabels: { ...(spec.selector?.matchLabels ?? {}), [HASH_LABEL]: hash } },
          template,
        },
      }, this.clock());
      owned.push(newRS);
      this.scaledEvent(d, newRS, 0, target.newReplicas);
    } else if (revisionOf(newRS) < maxRevision || specOf(newRS).replicas !== target.newReplicas) {
      // The real controller gives a reused ReplicaSet the next revision: history then shows gaps.
      const next = clone(newRS);
      next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [REVISION]: String(revisionOf(newRS) < maxRevision ? maxRevision + 1 : revisionOf(newRS)) };
      next.metadata.annotations["deployment.kubernetes.io/desired-replicas"] = String(desired);
      (next.spec as Spec).replicas = target.newReplicas;
      this.scaledEvent(d, newRS, specOf(newRS).replicas ?? 0, target.newReplicas);
      newRS = this.store.update(REPLICASETS, next);
    }
    old.forEach((rs, i) => {
      const to = target.oldReplicas[i]!;
      if (to === (specOf(rs).replicas ?? 0)) return;
      this.scaledEvent(d, rs, specOf(rs).replicas ?? 0, to);
      this.scaleReplicaSet(rs, to);
    });
    this.pruneHistory(d, newRS);
    this.writeDeploymentStatus(this.store.get(DEPLOYMENTS, ns, name)!, newRS, this.store.list(REPLICASETS, ns).filter((rs) => controlledBy(rs, d)));
  }

  private pruneHistory(d: KObject, newRS: KObject): void {
    const limit = specOf(d).revisionHistoryLimit ?? 10;
    const old = this.store
      .list(REPLICASETS, d.metadata.namespace)
      .filter((rs) => controlledBy(rs, d) && rs.metadata.uid !== newRS.metadata.uid && (specOf(rs).replicas ?? 0) === 0 && this.podsOf(rs).length === 0)
      .sort((a, b) => revisionOf(a) - revisionOf(b));
    for (const rs of old.slice(0, Math.max(0, old.length - limit))) this.store.delete(REPLICASETS, rs.metadata.namespace, rs.metadata.name);
  }

  private scaleReplicaSet(rs: KObject, replicas: number): void {
    const next = clone(rs);
    (next.spec as Spec).replicas = replicas;
    this.store.update(REPLICASETS, next);
  }

  private podsOf(rs: KObject): KObject[] {
    return this.store.list(PODS, rs.metadata.namespace).filter((p) => controlledBy(p, rs));
  }

  private writeDeploymentStatus(d: KObject, newRS: KObject | undefined, owned: KObject[]): void {
    const pods = owned.flatMap((rs) => this.podsOf(rs));
    const status = deploymentStatus(d, {
      desired: specOf(d).replicas ?? 1,
      pods: pods.length,
      updated: newRS ? this.podsOf(newRS).length : 0,
      ready: pods.filter(isPodReady).length,
      newRSName: newRS?.metadata.name ?? d.metadata.name,
      now: isoSeconds(this.clock()),
    });
    const previous = (d.status ?? {}) as { conditions?: Array<{ status: string; reason: string }> };
    const annotations = { ...(d.metadata.annotations ?? {}) };
    if (newRS) annotations[REVISION] = String(revisionOf(newRS));
    const sameStatus = deepEqual({ ...status, conditions: undefined }, { ...(d.status ?? {}), conditions: undefined }) &&
      deepEqual((status.conditions as Array<{ status: string; reason: string }>).map((c) => [c.status, c.reason]), (previous.conditions ?? []).map((c) => [c.status, c.reason]));
    if (sameStatus && deepEqual(annotations, d.metadata.annotations ?? {})) return;
    this.store.update(DEPLOYMENTS, { ...d, metadata: { ...d.metadata, annotations }, status });
  }

  private syncReplicaSet(ns: string, name: string): void {
    const rs = this.store.get(REPLICASETS, ns, name);
    if (!rs) return;
    const desired = specOf(rs).replicas ?? 1;
    let pods = this.podsOf(rs);
    for (let i = pods.length; i < desired; i++) this.kubelet.launch(rs, { instant: this.instant, readyDelayMs: this.readyDelayMs, startedAt: this.clock() });
    if (pods.length > desired) {
      const victims = [...pods].sort((a, b) => Number(isPodReady(a)) - Number(isPodReady(b)) || (b.metadata.creationTimestamp ?? "").localeCompare(a.metadata.creationTimestamp ?? ""));
      for (const p of victims.slice(0, pods.length - desired)) {
        this.store.delete(PODS, ns, p.metadata.name);
        this.emit(rs, "replicaset-controller", "SuccessfulDelete", `Deleted pod: ${p.metadata.name}`);
        for (const c of (p.spec?.containers as Array<{ name: string }> | undefined) ?? []) this.emit(p, "kubelet", "Killing", `Stopping container ${c.name}`);
      }
    }
    pods = this.podsOf(rs);
    const ready = pods.filter(isPodReady).length;
    const status = { replicas: pods.length, fullyLabeledReplicas: pods.length, readyReplicas: ready, availableReplicas: ready, observedGeneration: rs.metadata.generation };
    const fresh = this.store.get(REPLICASETS, ns, name)!;
    if (!deepEqual(status, fresh.status)) this.store.update(REPLICASETS, { ...fresh, status });
    const owner = controllerName(rs, "Deployment");
    if (owner) this.queue.add(`deploy:${ns}/${owner}`);
  }
}
