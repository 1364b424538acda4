import type {
  AccessCheck,
  Cluster,
  DeploymentView,
  EndpointAddressView,
  JsonPatchOp,
  LabelSelector,
  ObjectRef,
  PodLogRead,
  PodUsage,
  PodView,
  RevisionView,
  ServiceSelectorView,
  WriteOptions,
} from "./cluster";
import { kubeFailureToError, type KubeFailure } from "./errors";
import { applyJsonPatch, JsonPatchTestFailed } from "./json-patch";
import { isEmptySelector, matchesSelector } from "./label-selector";

/** In-memory Cluster for unit tests only (the app always uses client-node-cluster.ts).
 * Tests seed state directly and can make the next call of a method fail. */
export class FakeCluster implements Cluster {
  services = new Map<string, ServiceSelectorView>();
  deployments = new Map<string, DeploymentView>();
  revisions = new Map<string, RevisionView[]>();
  pods = new Map<string, PodView[]>();
  endpoints = new Map<string, EndpointAddressView[]>();
  policies = new Map<string, LabelSelector>();
  logs = new Map<string, string>();
  denied = new Set<string>();
  calls: string[] = [];
  private failures: Array<{ method: string; failure: KubeFailure }> = [];
  private rv = 100;

  failNext(method: keyof Cluster, failure: KubeFailure): void {
    this.failures.push({ method, failure });
  }

  private enter(method: keyof Cluster, what: string): void {
    this.calls.push(method);
    const i = this.failures.findIndex((f) => f.method === method);
    if (i >= 0) {
      const [f] = this.failures.splice(i, 1);
      throw kubeFailureToError(f!.failure, what);
    }
  }

  private must<T>(map: Map<string, T>, ref: ObjectRef, what: string): T {
    const v = map.get(key(ref));
    if (v === undefined) throw kubeFailureToError({ kind: "status", status: 404 }, what);
    return v;
  }

  async getService(ref: ObjectRef) {
    this.enter("getService", `get service ${key(ref)}`);
    return structuredClone(this.must(this.services, ref, `get service ${key(ref)}`));
  }

  async patchService(ref: ObjectRef, ops: JsonPatchOp[], opts: WriteOptions = {}) {
    this.enter("patchService", `patch service ${key(ref)}`);
    const svc = this.must(this.services, ref, `patch service ${key(ref)}`);
    const after = this.patch({ spec: { selector: svc.selector } }, ops, `patch service ${key(ref)}`);
    const next = {
      ...svc,
      selector: after.spec.selector,
      resourceVersion: opts.dryRun ? svc.resourceVersion : this.nextRv(),
    };
    if (!opts.dryRun) this.services.set(key(ref), next);
    return structuredClone(next);
  }

  async getDeployment(ref: ObjectRef) {
    this.enter("getDeployment", `get deployment ${key(ref)}`);
    return structuredClone(this.must(this.deployments, ref, `get deployment ${key(ref)}`));
  }

  async listRevisions(d: DeploymentView) {
    this.enter("listRevisions", `list replicasets of ${key(d)}`);
    return structuredClone(this.revisions.get(key(d)) ?? []).sort((a, b) => b.revision - a.revision);
  }

  async patchDeployment(ref: ObjectRef, ops: JsonPatchOp[], opts: WriteOptions = {}) {
    this.enter("patchDeployment", `patch deployment ${key(ref)}`);
    const d = this.must(this.deployments, ref, `patch deployment ${key(ref)}`);
    const doc = {
      metadata: { resourceVersion: d.resourceVersion, annotations: d.annotations },
      spec: { template: d.template },
    };
    const after = this.patch(doc, ops, `patch deployment ${key(ref)}`);
    const next: DeploymentView = {
      ...d,
      annotations: after.metadata.annotations,
      template: after.spec.template,
    };
    return this.commit(ref, next, opts);
  }

  async restartDeployment(ref: ObjectRef, at: string, opts: WriteOptions = {}) {
    this.enter("restartDeployment", `restart deployment ${key(ref)}`);
    const d = this.must(this.deployments, ref, `restart deployment ${key(ref)}`);
    return this.commit(ref, { ...d, restartedAt: at }, opts);
  }

  async scaleDeployment(ref: ObjectRef, replicas: number, opts: WriteOptions = {}) {
    this.enter("scaleDeployment", `scale deployment ${key(ref)}`);
    const d = this.must(this.deployments, ref, `scale deployment ${key(ref)}`);
    await this.commit(ref, { ...d, replicas }, opts);
    return { replicas };
  }

  async applyDenyIngressPolicy(ref: ObjectRef, podSelector: LabelSelector, opts: WriteOptions = {}) {
    this.enter("applyDenyIngressPolicy", `apply networkpolicy ${key(ref)}`);
    if (isEmptySelector(podSelector))
      throw kubeFailureToError(
        { kind: "status", status: 422, message: "empty pod selector refused" },
        "apply",
      );
    const created = !this.policies.has(key(ref));
    if (!opts.dryRun) this.policies.set(key(ref), structuredClone(podSelector));
    return { created };
  }

  async listPods(namespace: string, labels: Record<string, string>) {
    this.enter("listPods", `list pods in ${namespace}`);
    const all = this.pods.get(namespace) ?? [];
    return structuredClone(all.filter((p) => Object.entries(labels).every(([k, v]) => p.labels[k] === v)));
  }

  async listPodsMatching(namespace: string, selector: LabelSelector) {
    this.enter("listPodsMatching", `list pods in ${namespace}`);
    return structuredClone(
      (this.pods.get(namespace) ?? []).filter((p) => matchesSelector(p.labels, selector)),
    );
  }

  async getEndpoints(ref: ObjectRef) {
    this.enter("getEndpoints", `get endpoints ${key(ref)}`);
    return structuredClone(this.endpoints.get(key(ref)) ?? []);
  }

  /** Logs are keyed "namespace/pod" (any container) or "namespace/pod/container". */
  async readPodLogs(ref: ObjectRef, read: PodLogRead) {
    this.enter("readPodLogs", `read logs of ${key(ref)}`);
    let text = this.logs.get(`${key(ref)}/${read.container}`) ?? this.logs.get(key(ref)) ?? "";
    if (read.tailLines !== undefined)
      text = text
        .split(/(?<=\n)/)
        .slice(-read.tailLines)
        .join("");
    const truncated = Buffer.byteLength(text) > read.limitBytes;
    return { text: truncated ? Buffer.from(text).subarray(0, read.limitBytes).toString() : text, truncated };
  }

  async podUsage(): Promise<PodUsage> {
    this.enter("podUsage", "read pod metrics");
    return { available: false, reason: "metrics API unavailable" };
  }

  async checkAccess(req: { verb: string; resource: string; namespace: string }): Promise<AccessCheck> {
    this.enter("checkAccess", "check access");
    const allowed = !this.denied.has(`${req.verb} ${req.resource}`);
    return {
      allowed,
      reason: allowed ? "allowed" : `not allowed to ${req.verb} ${req.resource} in ${req.namespace}`,
    };
  }

  private patch<T>(doc: T, ops: JsonPatchOp[], what: string): T {
    try {
      return applyJsonPatch(doc, ops);
    } catch (e) {
      if (e instanceof JsonPatchTestFailed)
        throw kubeFailureToError({ kind: "status", status: 422, message: e.message }, what);
      throw e;
    }
  }

  private async commit(ref: ObjectRef, next: DeploymentView, opts: WriteOptions): Promise<DeploymentView> {
    if (opts.dryRun) return structuredClone(next);
    const saved = { ...next, resourceVersion: this.nextRv(), generation: next.generation + 1 };
    this.deployments.set(key(ref), saved);
    return structuredClone(saved);
  }

  private nextRv(): string {
    return String(++this.rv);
  }
}

export function key(ref: ObjectRef): string {
  return `${ref.namespace}/${ref.name}`;
}
