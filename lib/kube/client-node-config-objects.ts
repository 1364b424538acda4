import "server-only";

import * as k8s from "@kubernetes/client-node";

import type { JsonPatchOp, ObjectRef, WriteOptions } from "./cluster";
import {
  kubeCall,
  loadKubeConfig,
  SharedAgent,
  timedOptions,
  type KubeConnection,
} from "./client-node-request";
import { show } from "./client-node-shapes";
import type { ConfigObjectKind, ConfigObjects, ConfigObjectView } from "./config-objects";

/** ConfigMaps and Secrets through `@kubernetes/client-node`: every call carries a timeout
 * (AbortSignal) and every failure becomes a plain-words AppError, as in the Cluster adapter. */
export class ClientNodeConfigObjects implements ConfigObjects {
  private readonly core: k8s.CoreV1Api;
  private readonly agent = new SharedAgent();

  constructor(private readonly conn: KubeConnection) {
    this.core = loadKubeConfig(conn).makeApiClient(k8s.CoreV1Api);
  }

  private opts(contentType?: string): k8s.ConfigurationOptions<k8s.ObservableMiddleware> {
    return timedOptions(this.conn.timeoutMs, contentType, this.agent);
  }

  private call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    return kubeCall(what, this.conn.timeoutMs, fn);
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
