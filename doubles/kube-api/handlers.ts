// REST semantics for stored resources: get/list/create/replace/patch/delete, dryRun, optimistic concurrency.
import { applyDefaults, dropNulls, validate } from "./defaults";
import { applyPatch, type PatchType } from "./patch";
import { apiVersionOf, RESOURCE_TYPES, type ResourceType } from "./resources";
import {
  matchesFieldSelector,
  matchesLabelSelector,
  parseFieldSelector,
  parseLabelSelector,
} from "./selectors";
import { alreadyExists, ApiError, conflict, notFound, successStatus } from "./status";
import type { Store } from "./store";
import { toTable, wantsTable } from "./tables";
import { clone, deepEqual, isPlainObject, type KObject } from "./types";

export interface Reply {
  status: number;
  body: unknown;
}

export function isDryRun(query: URLSearchParams): boolean {
  const values = query.getAll("dryRun");
  for (const v of values) if (v !== "All") throw new ApiError(400, `unsupported dry run option: ${v}`);
  return values.length > 0;
}

export function filterObjects(objects: KObject[], query: URLSearchParams): KObject[] {
  const labelSelector = query.get("labelSelector");
  const fieldSelector = query.get("fieldSelector");
  const labels = labelSelector ? parseLabelSelector(labelSelector) : undefined;
  const fields = fieldSelector ? parseFieldSelector(fieldSelector) : undefined;
  return objects.filter(
    (o) =>
      (!labels || matchesLabelSelector(o.metadata.labels, labelSelector!)) &&
      (!fields || matchesFieldSelector(o, fields)),
  );
}

function stripTypeMeta(o: KObject): KObject {
  const { apiVersion: _a, kind: _k, ...rest } = o;
  void _a;
  void _k;
  return rest as KObject;
}

/** DeleteOptions' propagation: body or query; batch/v1 Jobs orphan their pods by default, as the real API. */
function propagationOf(rt: ResourceType, query: URLSearchParams, body: unknown): string {
  const o = isPlainObject(body) ? body : {};
  if (typeof o.propagationPolicy === "string") return o.propagationPolicy;
  const q = query.get("propagationPolicy");
  if (q) return q;
  if (o.orphanDependents === true || query.get("orphanDependents") === "true") return "Orphan";
  return rt.group === "batch" && rt.resource === "jobs" ? "Orphan" : "Background";
}

/** The orphan finalizer's work: dependents lose their owner reference to the deleted object. */
function orphanDependents(store: Store, owner: KObject): void {
  for (const rt of RESOURCE_TYPES.filter((r) => r.stored && r.namespaced)) {
    for (const o of store.list(rt, owner.metadata.namespace)) {
      const refs = o.metadata.ownerReferences ?? [];
      if (!refs.some((r) => r.uid === owner.metadata.uid)) continue;
      const kept = refs.filter((r) => r.uid !== owner.metadata.uid);
      const next = { ...o, metadata: { ...o.metadata } };
      if (kept.length) next.metadata.ownerReferences = kept;
      else delete next.metadata.ownerReferences;
      store.update(rt, next);
    }
  }
}

export class ResourceHandlers {
  constructor(
    private store: Store,
    private clock: () => Date = () => new Date(),
  ) {}

  list(
    rt: ResourceType,
    namespace: string | undefined,
    query: URLSearchParams,
    accept: string | undefined,
  ): Reply {
    let items = filterObjects(this.store.list(rt, namespace), query);
    const rv = String(this.store.resourceVersion);
    const metadata: Record<string, unknown> = { resourceVersion: rv };
    const offset = query.get("continue")
      ? Number(Buffer.from(query.get("continue")!, "base64url").toString()) || 0
      : 0;
    const limit = Number(query.get("limit") ?? "0");
    items = items.slice(offset);
    if (limit > 0 && items.length > limit) {
      metadata.continue = Buffer.from(String(offset + limit)).toString("base64url");
      metadata.remainingItemCount = items.length - limit;
      items = items.slice(0, limit);
    }
    if (wantsTable(accept)) return { status: 200, body: { ...toTable(rt, items, rv), metadata } };
    return {
      status: 200,
      body: {
        kind: `${rt.kind}List`,
        apiVersion: apiVersionOf(rt),
        metadata,
        items: items.map(stripTypeMeta),
      },
    };
  }

  getOrThrow(rt: ResourceType, namespace: string | undefined, name: string): KObject {
    const obj = this.store.get(rt, namespace, name);
    if (!obj) throw notFound(rt, name);
    return obj;
  }

  get(rt: ResourceType, namespace: string | undefined, name: string, accept: string | undefined): Reply {
    const obj = this.getOrThrow(rt, namespace, name);
    if (wantsTable(accept))
      return { status: 200, body: toTable(rt, [obj], obj.metadata.resourceVersion ?? "") };
    return { status: 200, body: obj };
  }

  create(rt: ResourceType, namespace: string | undefined, body: unknown, query: URLSearchParams): Reply {
    if (!isPlainObject(body) || !isPlainObject(body.metadata))
      throw new ApiError(
        400,
        "the body of the request was in an unknown format - accepted media types include: application/json",
      );
    const obj = dropNulls(clone(body)) as KObject;
    if (!obj.metadata.name && obj.metadata.generateName)
      obj.metadata.name = `${obj.metadata.generateName}${Math.random().toString(36).slice(2, 7)}`;
    if (!obj.metadata.name)
      throw new ApiError(
        422,
        `${rt.kind} "" is invalid: metadata.name: Required value: name or generateName is required`,
        "Invalid",
      );
    if (rt.namespaced) {
      if (obj.metadata.namespace && obj.metadata.namespace !== namespace) {
        throw new ApiError(
          400,
          "the namespace of the provided object does not match the namespace sent on the request",
        );
      }
      obj.metadata.namespace = namespace;
    }
    if (this.store.get(rt, namespace, obj.metadata.name)) throw alreadyExists(rt, obj.metadata.name);
    delete obj.metadata.resourceVersion;
    obj.metadata.uid = crypto.randomUUID(); // before defaulting: a Job's selector carries it
    delete obj.metadata.creationTimestamp;
    if (rt.statusSubresource) delete obj.status;
    applyDefaults(rt, obj);
    validate(rt, obj);
    if (isDryRun(query)) {
      obj.apiVersion = apiVersionOf(rt);
      obj.kind = rt.kind;
      obj.metadata.creationTimestamp = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
      if (rt.generation) obj.metadata.generation = 1;
      return { status: 201, body: obj };
    }
    return { status: 201, body: this.store.create(rt, obj, this.clock()) };
  }

  /**
   * The common update path (PUT, PATCH, subresources). `mode` says which part of the object the
   * endpoint may change: "main" keeps status (when the resource has a status subresource), "status" keeps everything else.
   */
  commit(
    rt: ResourceType,
    previous: KObject,
    candidate: unknown,
    opts: { mode: "main" | "status"; dryRun: boolean },
  ): Reply {
    if (!isPlainObject(candidate) || !isPlainObject(candidate.metadata))
      throw new ApiError(400, "the body of the request was in an unknown format");
    let next = dropNulls(clone(candidate)) as KObject;
    const name = previous.metadata.name;
    if (next.metadata.name !== undefined && next.metadata.name !== name) {
      throw new ApiError(
        400,
        `the name of the object (${String(next.metadata.name)}) does not match the name on the URL (${name})`,
      );
    }
    if (
      rt.namespaced &&
      next.metadata.namespace !== undefined &&
      next.metadata.namespace !== previous.metadata.namespace
    ) {
      throw new ApiError(
        400,
        "the namespace of the provided object does not match the namespace sent on the request",
      );
    }
    const sentVersion = next.metadata.resourceVersion;
    if (sentVersion !== undefined && sentVersion !== "" && sentVersion !== previous.metadata.resourceVersion)
      throw conflict(rt, name);
    if (opts.mode === "status") next = { ...clone(previous), status: next.status };
    else if (rt.statusSubresource) {
      if (previous.status === undefined) delete next.status;
      else next.status = clone(previous.status);
    }
    next.metadata = {
      ...next.metadata,
      name,
      namespace: previous.metadata.namespace,
      uid: previous.metadata.uid,
      creationTimestamp: previous.metadata.creationTimestamp,
    };
    if (rt.resource === "services" && next.spec && next.spec.clusterIP === undefined) {
      next.spec.clusterIP = previous.spec?.clusterIP;
      next.spec.clusterIPs = previous.spec?.clusterIPs;
    }
    applyDefaults(rt, next);
    validate(rt, next, previous);
    if (rt.generation) {
      next.metadata.generation =
        (previous.metadata.generation ?? 1) + (deepEqual(previous.spec, next.spec) ? 0 : 1);
    }
    next.metadata.resourceVersion = previous.metadata.resourceVersion;
    next.apiVersion = apiVersionOf(rt);
    next.kind = rt.kind;
    // A write that changes nothing is a no-op: no new resourceVersion, no watch event (as in the real API server).
    if (deepEqual(next, previous) || opts.dryRun) return { status: 200, body: next };
    return { status: 200, body: this.store.update(rt, next) };
  }

  replace(
    rt: ResourceType,
    namespace: string | undefined,
    name: string,
    body: unknown,
    query: URLSearchParams,
    mode: "main" | "status" = "main",
  ): Reply {
    const previous = this.getOrThrow(rt, namespace, name);
    return this.commit(rt, previous, body, { mode, dryRun: isDryRun(query) });
  }

  patch(
    rt: ResourceType,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    patch: unknown,
    query: URLSearchParams,
    mode: "main" | "status" = "main",
  ): Reply {
    if (type === "apply") {
      if (!query.get("fieldManager")) {
        throw new ApiError(
          422,
          'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
          "Invalid",
        );
      }
      if (!this.store.get(rt, namespace, name)) {
        if (!isPlainObject(patch) || !isPlainObject(patch.metadata))
          throw new ApiError(400, "the body of the request was in an unknown format");
        return this.create(rt, namespace, { ...patch, metadata: { ...patch.metadata, name } }, query);
      }
    }
    const previous = this.getOrThrow(rt, namespace, name);
    const patched = applyPatch(type, previous, patch);
    return this.commit(rt, previous, patched, { mode, dryRun: isDryRun(query) });
  }

  delete(
    rt: ResourceType,
    namespace: string | undefined,
    name: string,
    query: URLSearchParams,
    body: unknown,
  ): Reply {
    const previous = this.getOrThrow(rt, namespace, name);
    const pre = isPlainObject(body) && isPlainObject(body.preconditions) ? body.preconditions : {};
    if (pre.resourceVersion !== undefined && pre.resourceVersion !== previous.metadata.resourceVersion)
      throw conflict(rt, name);
    if (pre.uid !== undefined && pre.uid !== previous.metadata.uid) throw conflict(rt, name);
    if (isDryRun(query)) return { status: 200, body: successStatus(rt, name, previous.metadata.uid) };
    if (propagationOf(rt, query, body) === "Orphan") orphanDependents(this.store, previous);
    this.store.delete(rt, namespace, name);
    return { status: 200, body: successStatus(rt, name, previous.metadata.uid) };
  }
}
