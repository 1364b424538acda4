// batch/v1 Job controller: one pod at a time per Job (parallelism/completions honoured), the pod's containers
// really run (container-runtime.ts), and the Job's status follows its pods as the real job-controller writes it
// (active/ready/succeeded/failed, startTime, completionTime, SuccessCriteriaMet+Complete or
// FailureTarget+Failed with BackoffLimitExceeded / DeadlineExceeded). A failed Job's running pods are deleted.
import { PodProcesses, terminatedStatus, type ContainerExit, type VolumeSource } from "./container-runtime";
import { dropCapturedLogs } from "./container-log";
import { controlledBy } from "./deployments";
import { newPod, podStatus, safeSuffix } from "./pods";
import { findResourceType } from "./resources";
import { isoSeconds, type Store } from "./store";
import { deepEqual, type KObject, type PodTemplate } from "./types";

export const JOBS = findResourceType("batch", "v1", "jobs")!;
const PODS = findResourceType("", "v1", "pods")!;
const CONFIGMAPS = findResourceType("", "v1", "configmaps")!;
const MOUNT_RETRY_MS = 250;

type Emit = (object: KObject, component: string, reason: string, message: string) => void;
type JobSpec = {
  parallelism?: number;
  completions?: number;
  backoffLimit?: number;
  activeDeadlineSeconds?: number;
  suspend?: boolean;
  template?: PodTemplate;
};
type Condition = { type: string; status: string; reason?: string; message?: string };

const conditionsOf = (job: KObject) => (job.status?.conditions as Condition[] | undefined) ?? [];
const has = (job: KObject, type: string) =>
  conditionsOf(job).some((c) => c.type === type && c.status === "True");
export const jobFinished = (job: KObject) => has(job, "Complete") || has(job, "Failed");

export class JobController {
  private processes = new Map<string, PodProcesses>(); // pod uid
  private timers = new Set<NodeJS.Timeout>();
  private deadlines = new Set<string>();
  private nextIp = 100;

  constructor(
    private store: Store,
    private emit: Emit,
    private readyDelayMs: () => number,
    private enqueue: (key: string) => void,
  ) {}

  private podsOf(job: KObject): KObject[] {
    return this.store.list(PODS, job.metadata.namespace).filter((p) => controlledBy(p, job));
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  sync(ns: string, name: string): void {
    const job = this.store.get(JOBS, ns, name);
    if (!job) return;
    const spec = (job.spec ?? {}) as JobSpec;
    const pods = this.podsOf(job);
    const active = pods.filter((p) => p.status?.phase === "Pending" || p.status?.phase === "Running");
    const prev = (job.status ?? {}) as Record<string, unknown>;
    const succeeded = Math.max(
      Number(prev.succeeded ?? 0),
      pods.filter((p) => p.status?.phase === "Succeeded").length,
    );
    const failed = Math.max(
      Number(prev.failed ?? 0),
      pods.filter((p) => p.status?.phase === "Failed").length,
    );
    const now = new Date();
    const status: Record<string, unknown> = { ...prev };
    const conditions = [...conditionsOf(job)];
    const condition = (type: string, reason: string, message: string) => ({
      type,
      status: "True",
      lastProbeTime: isoSeconds(now),
      lastTransitionTime: isoSeconds(now),
      reason,
      message,
    });
    if (!jobFinished(job) && !spec.suspend) {
      status.startTime ??= isoSeconds(now);
      const started = Date.parse(String(status.startTime));
      const completions = spec.completions ?? 1;
      const deadline = spec.activeDeadlineSeconds;
      let failure: [string, string] | null = null;
      if (failed > (spec.backoffLimit ?? 6))
        failure = ["BackoffLimitExceeded", "Job has reached the specified backoff limit"];
      else if (deadline !== undefined && now.getTime() - started >= deadline * 1000)
        failure = ["DeadlineExceeded", "Job was active longer than specified deadline"];
      if (succeeded >= completions) {
        const msg = "Reached expected number of succeeded pods";
        conditions.push(
          condition("SuccessCriteriaMet", "CompletionsReached", msg),
          condition("Complete", "CompletionsReached", msg),
        );
        status.completionTime = isoSeconds(now);
        this.emit(job, "job-controller", "Completed", "Job completed");
      } else if (failure) {
        conditions.push(condition("FailureTarget", ...failure), condition("Failed", ...failure));
        for (const p of active) this.deletePod(job, p);
        this.emit(job, "job-controller", failure[0], failure[1]);
      } else {
        const want = Math.min(spec.parallelism ?? 1, completions - succeeded) - active.length;
        for (let i = 0; i < want; i++) this.createPod(job, spec, now);
        const key = `${job.metadata.uid}`;
        if (deadline !== undefined && !this.deadlines.has(key)) {
          this.deadlines.add(key);
          this.later(Math.max(0, started + deadline * 1000 - now.getTime()) + 5, () => {
            this.deadlines.delete(key);
            this.enqueue(`job:${ns}/${name}`);
          });
        }
      }
    }
    const left = this.podsOf(job).filter(
      (p) => p.status?.phase === "Pending" || p.status?.phase === "Running",
    );
    if (left.length) status.active = left.length;
    else delete status.active;
    status.ready = left.filter((p) => p.status?.phase === "Running").length;
    if (succeeded) status.succeeded = succeeded;
    if (failed) status.failed = failed;
    status.terminating = 0;
    status.uncountedTerminatedPods = {};
    if (conditions.length) status.conditions = conditions;
    const fresh = this.store.get(JOBS, ns, name)!;
    if (!deepEqual(status, fresh.status)) this.store.update(JOBS, { ...fresh, status });
  }

  private createPod(job: KObject, spec: JobSpec, now: Date): void {
    const ns = job.metadata.namespace!;
    const n = this.nextIp++;
    const name = `${job.metadata.name}-${safeSuffix(`${job.metadata.uid}/${n}/${Date.now()}`, 5)}`;
    const pod = newPod({
      name,
      namespace: ns,
      template: spec.template ?? {},
      owner: { apiVersion: "batch/v1", kind: "Job", name: job.metadata.name, uid: job.metadata.uid! },
      podIP: `10.244.9.${(n % 250) + 2}`,
      ready: false,
      startedAt: now,
    });
    pod.metadata.generateName = `${job.metadata.name}-`;
    const created = this.store.create(PODS, pod, now);
    this.emit(job, "job-controller", "SuccessfulCreate", `Created pod: ${name}`);
    this.emit(
      created,
      "default-scheduler",
      "Scheduled",
      `Successfully assigned ${ns}/${name} to firebreak-node-1`,
    );
    this.later(this.readyDelayMs(), () => this.run(ns, name, created.metadata.uid!));
  }

  private deletePod(job: KObject, pod: KObject): void {
    this.store.delete(PODS, pod.metadata.namespace, pod.metadata.name);
    this.emit(job, "job-controller", "SuccessfulDelete", `Deleted pod: ${pod.metadata.name}`);
  }

  private configMaps: VolumeSource = (ns, name) =>
    (this.store.get(CONFIGMAPS, ns, name)?.data as Record<string, string> | undefined) ?? null;

  /** The kubelet starts the pod's containers (retrying while a configMap volume is missing). */
  private run(ns: string, name: string, uid: string): void {
    const pod = this.store.get(PODS, ns, name);
    if (!pod || pod.metadata.uid !== uid) return;
    const procs = this.processes.get(uid) ?? new PodProcesses(pod);
    this.processes.set(uid, procs);
    if (!procs.prepare(this.configMaps)) return this.later(MOUNT_RETRY_MS, () => this.run(ns, name, uid));
    const containers = (pod.spec?.containers as Array<{ name: string; image?: string }> | undefined) ?? [];
    const startedAt = new Date();
    const running = this.store.get(PODS, ns, name)!;
    running.status = podStatus(running, {
      ready: true,
      podIP: String(pod.status?.podIP),
      startedAt: pod.metadata.creationTimestamp ? new Date(pod.metadata.creationTimestamp) : startedAt,
      restartCount: 0,
      readyAt: startedAt,
    });
    this.store.update(PODS, running);
    for (const c of containers) {
      this.emit(
        running,
        "kubelet",
        "Pulled",
        `Container image "${c.image ?? ""}" already present on machine`,
      );
      this.emit(running, "kubelet", "Created", `Created container: ${c.name}`);
      this.emit(running, "kubelet", "Started", `Started container ${c.name}`);
    }
    const exits = new Map<string, ContainerExit>();
    for (const c of containers)
      procs.start(c, (exit) => {
        exits.set(c.name, exit);
        if (exits.size === containers.length) this.terminated(ns, name, uid, exits);
      });
  }

  private terminated(ns: string, name: string, uid: string, exits: Map<string, ContainerExit>): void {
    const pod = this.store.get(PODS, ns, name);
    if (!pod || pod.metadata.uid !== uid) return;
    this.store.update(PODS, { ...pod, status: terminatedStatus(pod, exits) });
  }

  /** A pod went away: its processes are stopped and its logs dropped. */
  podDeleted(pod: KObject): void {
    const uid = pod.metadata.uid;
    if (!uid) return;
    this.processes.get(uid)?.stop();
    this.processes.delete(uid);
    dropCapturedLogs(uid);
  }

  /** Garbage collection of a deleted Job's pods (dependents orphaned by the delete no longer point at it). */
  collect(job: KObject): void {
    for (const p of this.podsOf(job)) this.store.delete(PODS, p.metadata.namespace, p.metadata.name);
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.deadlines.clear();
    for (const [uid, p] of this.processes) {
      p.stop();
      dropCapturedLogs(uid);
    }
    this.processes.clear();
  }
}
