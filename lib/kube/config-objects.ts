/** The Kubernetes port for configuration objects: a ConfigMap's or Secret's `data`, read and
 * JSON-patched (with `test` ops for optimistic concurrency, and dry runs for previews).
 * Secret values stay base64 exactly as the API holds them (binary values survive a round trip);
 * `client-node-config-objects.ts` implements it against an API server. */
import type { JsonPatchOp, ObjectRef, WriteOptions } from "./cluster";

export const CONFIG_OBJECT_KINDS = ["ConfigMap", "Secret"] as const;
export type ConfigObjectKind = (typeof CONFIG_OBJECT_KINDS)[number];

export type ConfigObjectView = ObjectRef & {
  kind: ConfigObjectKind;
  resourceVersion: string;
  /** ConfigMap: the values; Secret: base64 values as stored by the API. */
  data: Record<string, string>;
};

export interface ConfigObjects {
  read(kind: ConfigObjectKind, ref: ObjectRef): Promise<ConfigObjectView>;
  patch(
    kind: ConfigObjectKind,
    ref: ObjectRef,
    ops: JsonPatchOp[],
    opts?: WriteOptions,
  ): Promise<ConfigObjectView>;
}

/** RFC 6901 escaping of one key as a JSON Pointer segment (`a/b` → `a~1b`). */
export function pointerSegment(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** The ops that set an object's whole `data` to `data`, refused by the API server when the
 * object changed since `resourceVersion` was read. */
export function replaceDataOps(resourceVersion: string, data: Record<string, string>): JsonPatchOp[] {
  return [
    { op: "test", path: "/metadata/resourceVersion", value: resourceVersion },
    { op: "add", path: "/data", value: data },
  ];
}
