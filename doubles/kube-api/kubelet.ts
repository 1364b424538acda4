// Pod start-up as the scheduler and kubelet would do it: a Pending pod that becomes Running/Ready after a delay.
import { newPod, podStatus, safeSuffix } from "./pods";
import { findResourceType } from "./resources";
import type { Store } from "./store";
import type { KObject, PodTemplate } from "./types";

const PODS = findResourceType("", "v1", "pods")!;

type Emit = (object: KObject, component: string, reason: string, message: string) => void;

export class Kubelet {
  private timers = new Set<NodeJS.Timeout>();
  private nextIp = 10;

  constructor(
    private store: Store,
    private emit: Emit,
  ) {}

  /** Creates one pod of the ReplicaSet; it becomes Ready after `readyDelayMs` (at once when instant or 0). */
  launch(rs: KObject, o: { instant: boolean; readyDelayMs: number; startedAt: Date }): void {
    const ns = rs.metadata.namespace!;
    const n = this.nextIp++;
    const name = `${rs.metadata.name}-${safeSuffix(`${rs.metadata.uid}/${n}/${Date.now()}`, 5)}`;
    const readyNow = o.instant || o.readyDelayMs <= 0;
    const pod = newPod({
      name,
      namespace: ns,
      template: ((rs.spec ?? {}) as { template?: PodTemplate }).template ?? {},
      owner: { apiVersion: "apps/v1", kind: "ReplicaSet", name: rs.metadata.name, uid: rs.metadata.uid! },
      podIP: `10.244.${Math.floor(n / 250) % 250}.${(n % 250) + 2}`,
      ready: readyNow,
      startedAt: o.startedAt,
    });
    const created = this.store.create(PODS, pod, o.startedAt);
    this.emit(rs, "replicaset-controller", "SuccessfulCreate", `Created pod: ${name}`);
    this.emit(
      created,
      "default-scheduler",
      "Scheduled",
      `Successfully assigned ${ns}/${name} to firebreak-node-1`,
    );
    const containers =
      (created.spec?.containers as Array<{ name: string; image?: string }> | undefined) ?? [];
    const started = (p: KObject) => {
      for (const c of containers) {
        this.emit(p, "kubelet", "Pulled", `Container image "${c.image ?? ""}" already present on machine`);
        this.emit(p, "kubelet", "Created", `Created container: ${c.name}`);
        this.emit(p, "kubelet", "Started", `Started container ${c.name}`);
      }
    };
    if (readyNow) return started(created);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const current = this.store.get(PODS, ns, name);
      if (!current) return;
      const restartCount = Number(
        (current.status?.containerStatuses as Array<{ restartCount?: number }> | undefined)?.[0]
          ?.restartCount ?? 0,
      );
      current.status = podStatus(current, {
        ready: true,
        podIP: String(current.status?.podIP),
        startedAt: o.startedAt,
        restartCount,
        readyAt: new Date(),
      });
      started(this.store.update(PODS, current));
    }, o.readyDelayMs);
    this.timers.add(timer);
  }

  /** A pod created directly through the API (no status yet): schedule it and start it like any other. */
  adopt(pod: KObject, readyDelayMs: number): void {
    const ns = pod.metadata.namespace!;
    const n = this.nextIp++;
    const startedAt = new Date();
    const podIP = `10.244.${Math.floor(n / 250) % 250}.${(n % 250) + 2}`;
    const current = {
      ...pod,
      spec: { ...(pod.spec ?? {}), nodeName: pod.spec?.nodeName ?? "firebreak-node-1" },
    };
    current.status = podStatus(current, { ready: readyDelayMs <= 0, podIP, startedAt, restartCount: 0 });
    const scheduled = this.store.update(PODS, current);
    this.emit(
      scheduled,
      "default-scheduler",
      "Scheduled",
      `Successfully assigned ${ns}/${pod.metadata.name} to firebreak-node-1`,
    );
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        const latest = this.store.get(PODS, ns, pod.metadata.name);
        if (!latest || latest.metadata.uid !== pod.metadata.uid) return;
        latest.status = podStatus(latest, {
          ready: true,
          podIP,
          startedAt,
          restartCount: 0,
          readyAt: new Date(),
        });
        this.store.update(PODS, latest);
      },
      Math.max(0, readyDelayMs),
    );
    this.timers.add(timer);
  }

  /** Cancels pending readiness timers (reset, shutdown). */
  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
