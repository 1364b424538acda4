import "server-only";

import * as k8s from "@kubernetes/client-node";

import type { JsonPatchOp, ObjectRef, WriteOptions } from "./cluster";
import { KubeRequests, type KubeConnection } from "./client-node-request";
import { show } from "./client-node-shapes";
import type { ConfigObjectKind, ConfigObjects, ConfigObjectView } from "./config-objects";

/** ConfigMaps and Secrets through `@kubernetes/client-node`: every call carries a timeout
 * (AbortSignal) and every failure becomes a plain-words AppError, as in the Cluster adapter. */
export class ClientNodeConfigObjects implements ConfigObjects {
  private readonly core: k8s.CoreV1Api;
  private readonly req: KubeRequests;

  constructor(private readonly conn: KubeConnection) {
    this.req = new KubeRequests(conn);
    this.core = this.req.config.makeApiClient(k8s.CoreV1Api);
  }

  async read(kind: ConfigObjectKind, ref: ObjectRef): Promise<ConfigObjectView> {
    const what = `read ${kind.toLowerCase()} ${show(ref)}`;
    if (kind === "ConfigMap")
      return view(
        kind,
        await this.req.call(what, () => this.core.readNamespacedConfigMap(ref, this.req.options())),
      );
    return view(
      kind,
      await this.req.call(what, () => this.core.readNamespacedSecret(ref, this.req.options())),
    );
  }

  async patch(
    kind: ConfigObjectKind,
    ref: ObjectRef,
    ops: JsonPatchOp[],
    o: WriteOptions = {},
  ): Promise<ConfigObjectView> {
    const what = `patch ${kind.toLowerCase()} ${show(ref)}`;
    const req = { ...ref, body: ops, dryRun: o.dryRun ? "All" : undefined, fieldManager: "firebreak" };
    const opts = this.req.options(k8s.PatchStrategy.JsonPatch);
    if (kind === "ConfigMap")
      return view(kind, await this.req.call(what, () => this.core.patchNamespacedConfigMap(req, opts)));
    return view(kind, await this.req.call(what, () => this.core.patchNamespacedSecret(req, opts)));
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
