// Controller simulation: the work queue and garbage collection; Deployments (deployments.ts) → ReplicaSets → Pods
// (kubelet.ts, ready after a delay); Service endpoints (endpoints.ts); events.
import { DeploymentReconciler, controlledBy, controllerName, specOf } from "./deployments";
import { deleteServiceEndpoints, syncAllEndpoints } from "./endpoints";
import { EventRecorder } from "./events";
import { JobController, JOBS } from "./jobs";
import { Kubelet } from "./kubelet";
import { isPodReady } from "./pods";
import { findResourceType } from "./resources";
import { resourceKey, type Store, type StoreEvent } from "./store";
import { deepEqual, type KObject } from "./types";

export { HASH_LABEL, REVISION, podTemplateHash, revisionOf, templateWithoutHash } from "./deployments";

const DEPLOYMENTS = findResourceType("apps", "v1", "deployments")!;
const REPLICASETS = findResourceType("apps", "v1", "replicasets")!;
const PODS = findResourceType("", "v1", "pods")!;
const SERVICES = findResourceType("", "v1", "services")!;

export class Controller {
  private queue = new Set<string>();
  private deferred: Array<() => void> = [];
  private flushScheduled = false;
  /** Seeding mode: pods are created Ready, started at `clock()`. */
  instant = false;
  clock: () => Date = () => new Date();
  private events: EventRecorder;
  private kubelet: Kubelet;
  private deployments: DeploymentReconciler;
  private jobs: JobController;

  constructor(
    private store: Store,
    public readyDelayMs: number,
  ) {
    this.events = new EventRecorder(store);
    this.kubelet = new Kubelet(store, (o, c, r, m) => this.emit(o, c, r, m));
    this.deployments = new DeploymentReconciler({
      store,
      emit: (o, c, r, m) => this.emit(o, c, r, m),
      instant: () => this.instant,
      clock: () => this.clock(),
      podsOf: (rs) => this.podsOf(rs),
    });
    this.jobs = new JobController(
      store,
      (o, c, r, m) => this.emit(o, c, r, m),
      () => this.readyDelayMs,
      (key) => this.enqueue(key),
    );
    store.subscribe((e) => this.onEvent(e));
  }

  private emit(object: KObject, component: string, reason: string, message: string): void {
    this.events.enabled = !this.instant;
    this.events.record(object, component, reason, message);
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
    } else if (e.resource === resourceKey(JOBS)) {
      if (e.type === "DELETED") this.defer(() => this.jobs.collect(e.object));
      else this.enqueue(`job:${ns}/${name}`);
    } else if (e.resource === resourceKey(PODS)) {
      if (e.type === "DELETED") this.jobs.podDeleted(e.object);
      const job = controllerName(e.object, "Job");
      if (job) this.enqueue(`job:${ns}/${job}`);
      if (e.type === "ADDED" && !e.object.status)
        this.defer(() => this.kubelet.adopt(e.object, this.readyDelayMs));
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
      if (kind === "deploy") this.deployments.sync(ns, name!);
      else if (kind === "rs") this.syncReplicaSet(ns, name!);
      else if (kind === "endpoints") syncAllEndpoints(this.store, ns);
      else if (kind === "job") this.jobs.sync(ns, name!);
    }
  }

  /** Cancels pending pod-readiness timers (reset). */
  stop(): void {
    this.kubelet.stop();
    this.jobs.stop();
    this.deferred = [];
    this.queue.clear();
  }

  private collect(owner: KObject): void {
    const ns = owner.metadata.namespace;
    for (const rt of [REPLICASETS, PODS]) {
      for (const o of this.store.list(rt, ns))
        if (controlledBy(o, owner)) this.store.delete(rt, ns, o.metadata.name);
    }
  }

  private podsOf(rs: KObject): KObject[] {
    return this.store.list(PODS, rs.metadata.namespace).filter((p) => controlledBy(p, rs));
  }

  private syncReplicaSet(ns: string, name: string): void {
    const rs = this.store.get(REPLICASETS, ns, name);
    if (!rs) return;
    const desired = specOf(rs).replicas ?? 1;
    let pods = this.podsOf(rs);
    for (let i = pods.length; i < desired; i++)
      this.kubelet.launch(rs, {
        instant: this.instant,
        readyDelayMs: this.readyDelayMs,
        startedAt: this.clock(),
      });
    if (pods.length > desired) {
      const victims = [...pods].sort(
        (a, b) =>
          Number(isPodReady(a)) - Number(isPodReady(b)) ||
          (b.metadata.creationTimestamp ?? "").localeCompare(a.metadata.creationTimestamp ?? ""),
      );
      for (const p of victims.slice(0, pods.length - desired)) {
        this.store.delete(PODS, ns, p.metadata.name);
        this.emit(rs, "replicaset-controller", "SuccessfulDelete", `Deleted pod: ${p.metadata.name}`);
        for (const c of (p.spec?.containers as Array<{ name: string }> | undefined) ?? [])
          this.emit(p, "kubelet", "Killing", `Stopping container ${c.name}`);
      }
    }
    pods = this.podsOf(rs);
    const ready = pods.filter(isPodReady).length;
    const status = {
      replicas: pods.length,
      fullyLabeledReplicas: pods.length,
      readyReplicas: ready,
      availableReplicas: ready,
      observedGeneration: rs.metadata.generation,
    };
    const fresh = this.store.get(REPLICASETS, ns, name)!;
    if (!deepEqual(status, fresh.status)) this.store.update(REPLICASETS, { ...fresh, status });
    const owner = controllerName(rs, "Deployment");
    if (owner) this.queue.add(`deploy:${ns}/${owner}`);
  }
}
