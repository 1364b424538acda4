import "server-only";

import * as k8s from "@kubernetes/client-node";

import type {
  AccessCheck,
  AccessRequest,
  Cluster,
  DeploymentView,
  EndpointAddressView,
  JsonPatchOp,
  LabelSelector,
  ObjectRef,
  PodLogRead,
  PodLogText,
  PodUsage,
  PodView,
  RevisionView,
  ServiceSelectorView,
  WriteOptions,
} from "./cluster";
import { reshapeDeployment, reshapePod, reshapeService, selectorString, show } from "./client-node-shapes";
import { readBoundedLog } from "./client-node-logs";
import { KubeRequests, type KubeConnection } from "./client-node-request";
import { kubeFailureToError } from "./errors";
import { isEmptySelector, selectorToQuery } from "./label-selector";
import { REVISION_ANNOTATION, RESTARTED_AT_ANNOTATION, stripTemplateHash } from "./rollback-plan";

export type { KubeConnection };

/** The only module that talks to `@kubernetes/client-node`. Every call carries a timeout
 * (AbortSignal) and every failure becomes a plain-words AppError. */
export class ClientNodeCluster implements Cluster {
  private readonly core: k8s.CoreV1Api;
  private readonly apps: k8s.AppsV1Api;
  private readonly net: k8s.NetworkingV1Api;
  private readonly authz: k8s.AuthorizationV1Api;
  private readonly custom: k8s.CustomObjectsApi;
  private readonly logs: k8s.Log;
  private readonly req: KubeRequests;

  constructor(private readonly conn: KubeConnection) {
    this.req = new KubeRequests(conn);
    const kc = this.req.config;
    this.core = kc.makeApiClient(k8s.CoreV1Api);
    this.apps = kc.makeApiClient(k8s.AppsV1Api);
    this.net = kc.makeApiClient(k8s.NetworkingV1Api);
    this.authz = kc.makeApiClient(k8s.AuthorizationV1Api);
    this.custom = kc.makeApiClient(k8s.CustomObjectsApi);
    this.logs = new k8s.Log(kc);
  }

  async getService(ref: ObjectRef): Promise<ServiceSelectorView> {
    const svc = await this.req.call(`read service ${show(ref)}`, () =>
      this.core.readNamespacedService(ref, this.req.options()),
    );
    return reshapeService(svc);
  }

  async patchService(ref: ObjectRef, ops: JsonPatchOp[], o: WriteOptions = {}): Promise<ServiceSelectorView> {
    const svc = await this.req.call(`patch service ${show(ref)}`, () =>
      this.core.patchNamespacedService(
        { ...ref, body: ops, dryRun: o.dryRun ? "All" : undefined, fieldManager: "firebreak" },
        this.req.options(k8s.PatchStrategy.JsonPatch),
      ),
    );
    return reshapeService(svc);
  }

  async getDeployment(ref: ObjectRef): Promise<DeploymentView> {
    return reshapeDeployment(
      await this.req.call(`read deployment ${show(ref)}`, () =>
        this.apps.readNamespacedDeployment(ref, this.req.options()),
      ),
    );
  }

  async listRevisions(d: DeploymentView): Promise<RevisionView[]> {
    const list = await this.req.call(`list replica sets of ${show(d)}`, () =>
      this.apps.listNamespacedReplicaSet(
        { namespace: d.namespace, labelSelector: selectorToQuery(d.selector) },
        this.req.options(),
      ),
    );
    return list.items
      .filter((rs) => rs.metadata?.ownerReferences?.some((o) => o.controller && o.uid === d.uid))
      .flatMap((rs) => {
        const revision = Number(rs.metadata?.annotations?.[REVISION_ANNOTATION]);
        if (!Number.isFinite(revision)) return [];
        const template = JSON.parse(JSON.stringify(rs.spec?.template ?? {})) as Record<string, unknown>;
        return [
          {
            revision,
            replicaSet: rs.metadata?.name ?? "",
            images: (rs.spec?.template?.spec?.containers ?? []).map((c) => c.image ?? ""),
            template: stripTemplateHash(template),
            replicas: rs.status?.replicas ?? 0,
            annotations: { ...(rs.metadata?.annotations ?? {}) },
            createdAt: rs.metadata?.creationTimestamp
              ? new Date(rs.metadata.creationTimestamp).toISOString()
              : null,
            changeCause: rs.metadata?.annotations?.["kubernetes.io/change-cause"] ?? null,
          },
        ];
      })
      .sort((a, b) => b.revision - a.revision);
  }

  async patchDeployment(ref: ObjectRef, ops: JsonPatchOp[], o: WriteOptions = {}): Promise<DeploymentView> {
    const d = await this.req.call(`patch deployment ${show(ref)}`, () =>
      this.apps.patchNamespacedDeployment(
        { ...ref, body: ops, dryRun: o.dryRun ? "All" : undefined, fieldManager: "firebreak" },
        this.req.options(k8s.PatchStrategy.JsonPatch),
      ),
    );
    return reshapeDeployment(d);
  }

  async restartDeployment(ref: ObjectRef, at: string, o: WriteOptions = {}): Promise<DeploymentView> {
    const body = { spec: { template: { metadata: { annotations: { [RESTARTED_AT_ANNOTATION]: at } } } } };
    const d = await this.req.call(`restart deployment ${show(ref)}`, () =>
      this.apps.patchNamespacedDeployment(
        { ...ref, body, dryRun: o.dryRun ? "All" : undefined, fieldManager: "firebreak" },
        this.req.options(k8s.PatchStrategy.StrategicMergePatch),
      ),
    );
    return reshapeDeployment(d);
  }

  async scaleDeployment(
    ref: ObjectRef,
    replicas: number,
    o: WriteOptions = {},
  ): Promise<{ replicas: number }> {
    const scale = await this.req.call(`scale deployment ${show(ref)}`, () =>
      this.apps.patchNamespacedDeploymentScale(
        {
          ...ref,
          body: { spec: { replicas } },
          dryRun: o.dryRun ? "All" : undefined,
          fieldManager: "firebreak",
        },
        this.req.options(k8s.PatchStrategy.MergePatch),
      ),
    );
    return { replicas: scale.spec?.replicas ?? replicas };
  }

  async applyDenyIngressPolicy(ref: ObjectRef, podSelector: LabelSelector, o: WriteOptions = {}) {
    // An empty podSelector selects every pod of the namespace: never send one.
    if (isEmptySelector(podSelector))
      throw kubeFailureToError(
        { kind: "status", status: 422, message: "empty pod selector refused" },
        `create network policy ${show(ref)}`,
      );
    const body: k8s.V1NetworkPolicy = {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: {
        name: ref.name,
        namespace: ref.namespace,
        labels: { "app.kubernetes.io/managed-by": "firebreak" },
      },
      spec: { podSelector: { ...podSelector }, policyTypes: ["Ingress"], ingress: [] },
    };
    const dryRun = o.dryRun ? "All" : undefined;
    const what = `create network policy ${show(ref)}`;
    try {
      await this.req.call(what, () =>
        this.net.createNamespacedNetworkPolicy(
          { namespace: ref.namespace, body, dryRun },
          this.req.options(),
        ),
      );
      return { created: true };
    } catch (e) {
      if ((e as { code?: string }).code !== "CONFLICT") throw e;
      const existing = await this.req.call(what, () =>
        this.net.readNamespacedNetworkPolicy(ref, this.req.options()),
      );
      body.metadata!.resourceVersion = existing.metadata?.resourceVersion;
      await this.req.call(what, () =>
        this.net.replaceNamespacedNetworkPolicy({ ...ref, body, dryRun }, this.req.options()),
      );
      return { created: false };
    }
  }

  async listPods(namespace: string, labels: Record<string, string>): Promise<PodView[]> {
    const list = await this.req.call(`list pods in ${namespace}`, () =>
      this.core.listNamespacedPod({ namespace, labelSelector: selectorString(labels) }, this.req.options()),
    );
    return list.items.map(reshapePod);
  }

  async listPodsMatching(namespace: string, selector: LabelSelector): Promise<PodView[]> {
    const list = await this.req.call(`list pods in ${namespace}`, () =>
      this.core.listNamespacedPod(
        { namespace, labelSelector: selectorToQuery(selector) },
        this.req.options(),
      ),
    );
    return list.items.map(reshapePod);
  }

  async getEndpoints(ref: ObjectRef): Promise<EndpointAddressView[]> {
    const ep = await this.req.call(`read endpoints ${show(ref)}`, () =>
      this.core.readNamespacedEndpoints(ref, this.req.options()),
    );
    return (ep.subsets ?? []).flatMap((s) => [
      ...(s.addresses ?? []).map((a) => ({ ip: a.ip, podName: a.targetRef?.name ?? null, ready: true })),
      ...(s.notReadyAddresses ?? []).map((a) => ({
        ip: a.ip,
        podName: a.targetRef?.name ?? null,
        ready: false,
      })),
    ]);
  }

  /** Streams the log and stops at `limitBytes` (client-node-logs.ts). */
  readPodLogs(ref: ObjectRef, read: PodLogRead): Promise<PodLogText> {
    return readBoundedLog(this.logs, this.req, ref, read, this.conn.timeoutMs);
  }

  async podUsage(namespace: string, labels: Record<string, string>): Promise<PodUsage> {
    try {
      const list = (await this.req.call("read pod metrics", () =>
        this.custom.listNamespacedCustomObject(
          {
            group: "metrics.k8s.io",
            version: "v1beta1",
            namespace,
            plural: "pods",
            labelSelector: selectorString(labels),
          },
          this.req.options(),
        ),
      )) as {
        items?: Array<{
          metadata?: { name?: string };
          containers?: Array<{ usage?: { cpu?: string; memory?: string } }>;
        }>;
      };
      const pods = (list.items ?? []).map((p) => ({
        name: p.metadata?.name ?? "",
        cpu: (p.containers ?? []).map((c) => c.usage?.cpu ?? "?").join(" + "),
        memory: (p.containers ?? []).map((c) => c.usage?.memory ?? "?").join(" + "),
      }));
      return { available: true, pods };
    } catch (e) {
      return { available: false, reason: `metrics API unavailable (${(e as Error).message})` };
    }
  }

  async checkAccess(req: AccessRequest): Promise<AccessCheck> {
    const review = await this.req.call("check access (SelfSubjectAccessReview)", () =>
      this.authz.createSelfSubjectAccessReview(
        {
          body: {
            apiVersion: "authorization.k8s.io/v1",
            kind: "SelfSubjectAccessReview",
            spec: { resourceAttributes: { ...req } },
          },
        },
        this.req.options(),
      ),
    );
    const allowed = review.status?.allowed ?? false;
    const target = `${req.verb} ${req.resource}${req.subresource ? `/${req.subresource}` : ""} in ${req.namespace}`;
    return {
      allowed,
      reason: allowed
        ? `allowed to ${target}`
        : `not allowed to ${target}${review.status?.reason ? `: ${review.status.reason}` : ""}`,
    };
  }
}
