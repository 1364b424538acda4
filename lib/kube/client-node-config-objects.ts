import "server-only";

import * as k8s from "@kubernetes/client-node";

import type { JsonPatchOp, ObjectRef, WriteOptions } from "./cluster";
import { show, toFailure } from "./client-node-shapes";
import type { ConfigObjectKind, ConfigObjects, ConfigObjectView } from "./config-objects";
import { kubeFailureToError } from "./errors";
import { kubeConfigFor } from "./impersonating-kube-config";
import type { KubeIdentity } from "./impersonation";

export type ConfigObjectsConnection = {
  kubeconfigPath?: string;
  identity?: KubeIdentity | null;
  context?: string;
  inCluster?: boolean;
  timeoutMs: number;
};

/** ConfigMaps and Secrets through `@kubernetes/client-node`: every call carries a timeout
 * (AbortSignal) and every failure becomes a plain-words AppError, as in the Cluster adapter. */
export class ClientNodeConfigObjects implements ConfigObjects {
  private readonly core: k8s.CoreV1Api;

  constructor(private readonly conn: ConfigObjectsConnection) {
    const kc = kubeConfigFor(conn.identity);
    if (conn.kubeconfigPath) kc.loadFromFile(conn.kubeconfigPath);
    else if (conn.inCluster) kc.loadFromCluster();
    else kc.loadFromDefault();
    if (conn.context) kc.setCurrentContext(conn.context);
    this.core = kc.makeApiClient(k8s.CoreV1Api);
  }

  private opts(contentType?: string): k8s.ConfigurationOptions<k8s.ObservableMiddleware> {
    const timeoutMs = this.conn.timeoutMs;
    const base = k8s.setHeaderMiddleware("X-Firebreak-Client", "client-node");
    const withTimeout: k8s.ObservableMiddleware = {
      pre: (request) => {
        request.setSignal(AbortSignal.timeout(timeoutMs));
        return base.pre(request);
      },
      post: (response) => base.post(response),
    };
    const opts = { middleware: [withTimeout], middlewareMergeStrategy: "append" as const };
    return contentType ? k8s.setHeaderOptions("Content-Type", contentType, opts) : opts;
  }

  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw kubeFailureToError(toFailure(e, this.conn.timeoutMs), what);
    }
  }

  async read(kind: ConfigObjectKind, ref: ObjectRef): Promise<ConfigObjectView> {
    const what = `read ${kind.toLowerCase()} ${show(ref)}`;
    if (kind === "ConfigMap")
      return view(kind, await this.call(what, () => this.core.readNamespacedConfigMap(ref, this.opts())));
    return view(kind, await this.call(what, () => this.core.readNamespacedSecret(ref, this.opts())));
  }

  async patch(
    kind: ConfigObjectKind,
    ref: ObjectRef,
    ops: JsonPatchOp[],
    o: WriteOptions = {},
  ): Promise<ConfigObjectView> {
    const what = `patch ${kind.toLowerCase()} ${show(ref)}`;
    const req = { ...ref, body: ops, dryRun: o.dryRun ? "All" : undefined, fieldManager: "firebreak" };
    const opts = this.opts(k8s.PatchStrategy.JsonPatch);
    if (kind === "ConfigMap")
      return view(kind, await this.call(what, () => this.core.patchNamespacedConfigMap(req, opts)));
    return view(kind, await this.call(what, () => this.core.patchNamespacedSecret(req, opts)));
  }
}

function view(kind: ConfigObjectKind, o: k8s.V1ConfigMap | k8s.V1Secret): ConfigObjectView {
  return {
    kind,
    namespace: o.metadata?.namespace ?? "",
    name: o.metadata?.name ?? "",
    resourceVersion: o.metadata?.resourceVersion ?? "",
    data: { ...(o.data ?? {}) },
  };
}
