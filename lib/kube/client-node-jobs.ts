import "server-only";
import { Writable } from "node:stream";

import * as k8s from "@kubernetes/client-node";

import { AppError } from "@/lib/errors";

import type { ObjectRef } from "./cluster";
import { selectorString, show, toFailure } from "./client-node-shapes";
import { KubeRequests, type KubeConnection } from "./client-node-request";
import { kubeFailureToError } from "./errors";
import {
  jobManifest,
  type JobContainerState,
  type JobPodView,
  type JobPort,
  type JobRequest,
  type JobView,
} from "./jobs";

/** batch/v1 Jobs through `@kubernetes/client-node`, as Firebreak's own account (no impersonation:
 * jobs run in the background). Every request but a followed log carries a timeout; failures become
 * plain-words AppErrors. */
export class ClientNodeJobs implements JobPort {
  private readonly batch: k8s.BatchV1Api;
  private readonly core: k8s.CoreV1Api;
  private readonly logs: k8s.Log;
  private readonly req: KubeRequests;

  constructor(private readonly conn: KubeConnection) {
    this.req = new KubeRequests({ ...conn, identity: null });
    const kc = this.req.config;
    this.batch = kc.makeApiClient(k8s.BatchV1Api);
    this.core = kc.makeApiClient(k8s.CoreV1Api);
    this.logs = new k8s.Log(kc);
  }

  async createJob(req: JobRequest): Promise<{ uid: string }> {
    const body = jobManifest(req) as k8s.V1Job;
    const job = await this.req.call(`create job ${show(req)}`, () =>
      this.batch.createNamespacedJob(
        { namespace: req.namespace, body, fieldManager: "firebreak" },
        this.req.options(),
      ),
    );
    return { uid: job.metadata?.uid ?? "" };
  }

  async getJob(ref: ObjectRef): Promise<JobView | null> {
    try {
      const job = await this.batch.readNamespacedJob(ref, this.req.options());
      const done = (job.status?.conditions ?? []).find(
        (c) => (c.type === "Complete" || c.type === "Failed") && c.status === "True",
      );
      return {
        uid: job.metadata?.uid ?? "",
        active: job.status?.active ?? 0,
        succeeded: job.status?.succeeded ?? 0,
        failed: job.status?.failed ?? 0,
        finished: done
          ? {
              type: done.type as "Complete" | "Failed",
              reason: done.reason ?? "",
              message: done.message ?? "",
            }
          : null,
      };
    } catch (e) {
      if (e instanceof k8s.ApiException && e.code === 404) return null;
      throw kubeFailureToError(toFailure(e, this.conn.timeoutMs), `read job ${show(ref)}`);
    }
  }

  async listJobPods(ref: ObjectRef, uid: string): Promise<JobPodView[]> {
    const list = await this.req.call(`list pods of job ${show(ref)}`, () =>
      this.core.listNamespacedPod(
        { namespace: ref.namespace, labelSelector: `batch.kubernetes.io/controller-uid=${uid}` },
        this.req.options(),
      ),
    );
    return list.items
      .map((p) => ({
        name: p.metadata?.name ?? "",
        phase: p.status?.phase ?? "Unknown",
        createdAt: p.metadata?.creationTimestamp ? new Date(p.metadata.creationTimestamp).toISOString() : "",
        container: containerState(p.status?.containerStatuses?.[0]?.state),
      }))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async followLog(
    pod: ObjectRef,
    container: string,
    onText: (text: string) => void,
    signal: AbortSignal,
  ): Promise<void> {
    if (signal.aborted) return;
    const decoder = new TextDecoder();
    await new Promise<void>((resolve, reject) => {
      const sink = new Writable({
        write(chunk: Buffer, _enc, cb) {
          onText(decoder.decode(chunk, { stream: true }));
          cb();
        },
      });
      sink.on("finish", () => resolve());
      // The response stream errors when aborted or cut: the follow has ended either way.
      sink.on("pipe", (source: NodeJS.ReadableStream) => source.on("error", () => resolve()));
      let abort: AbortController | null = null;
      const stop = () => {
        abort?.abort();
        resolve();
      };
      signal.addEventListener("abort", stop, { once: true });
      this.logs
        .log(pod.namespace, pod.name, container, sink, { follow: true })
        .then((a) => {
          abort = a;
          if (signal.aborted) a.abort();
        })
        .catch((e: unknown) =>
          reject(kubeFailureToError(toFailure(e, this.conn.timeoutMs), `follow logs of pod ${show(pod)}`)),
        );
    });
  }

  async readLog(pod: ObjectRef, container: string): Promise<string> {
    return this.req.call(`read logs of pod ${show(pod)}`, () =>
      this.core.readNamespacedPodLog({ ...pod, container }, this.req.options()),
    );
  }

  async deleteJobsLabelled(namespace: string, labels: Record<string, string>): Promise<string[]> {
    // An empty selector matches every Job of the namespace: never a delete.
    if (Object.keys(labels).length === 0)
      throw new AppError("INVALID_INPUT", "Deleting Jobs by label needs at least one label.");
    const labelSelector = selectorString(labels);
    const list = await this.req.call(`list jobs in ${namespace}`, () =>
      this.batch.listNamespacedJob({ namespace, labelSelector }, this.req.options()),
    );
    const names = list.items.map((j) => j.metadata?.name ?? "").filter(Boolean);
    for (const name of names) await this.deleteJob({ namespace, name });
    return names;
  }

  async deleteJob(ref: ObjectRef): Promise<void> {
    try {
      await this.batch.deleteNamespacedJob({ ...ref, propagationPolicy: "Background" }, this.req.options());
    } catch (e) {
      if (e instanceof k8s.ApiException && e.code === 404) return;
      throw kubeFailureToError(toFailure(e, this.conn.timeoutMs), `delete job ${show(ref)}`);
    }
  }
}

function containerState(s: k8s.V1ContainerState | undefined): JobContainerState {
  if (s?.terminated)
    return {
      state: "terminated",
      exitCode: s.terminated.exitCode,
      reason: s.terminated.reason ?? "",
      message: s.terminated.message ?? "",
    };
  if (s?.running) return { state: "running" };
  return { state: "waiting", reason: s?.waiting?.reason ?? "Pending", message: s?.waiting?.message ?? "" };
}
