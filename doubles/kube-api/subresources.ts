// Subresources and computed resources: deployments/scale (autoscaling/v1 Scale), pods/log,
// selfsubjectaccessreviews, metrics.k8s.io PodMetrics.
import type { ServerResponse } from "node:http";

import type { DoubleControl } from "./control";
import { isDryRun, type Reply, type ResourceHandlers } from "./handlers";
import { applyPatch, type PatchType } from "./patch";
import { capturedLog, formatEntry, type CapturedLog } from "./container-log";
import { podLogs } from "./pod-logs";
import { LOG_INTERVAL_S, podMetrics } from "./pods";
import { findResourceType, type ResourceType } from "./resources";
import { selectorToString } from "./selectors";
import { ApiError, notFound } from "./status";
import type { Store } from "./store";
import { filterObjects } from "./handlers";
import { isPlainObject, type KObject, type LabelSelectorSpec } from "./types";

const PODS = findResourceType("", "v1", "pods")!;

export function toScale(obj: KObject) {
  const spec = (obj.spec ?? {}) as { replicas?: number; selector?: LabelSelectorSpec };
  return {
    kind: "Scale",
    apiVersion: "autoscaling/v1",
    metadata: {
      name: obj.metadata.name,
      namespace: obj.metadata.namespace,
      uid: obj.metadata.uid,
      resourceVersion: obj.metadata.resourceVersion,
      creationTimestamp: obj.metadata.creationTimestamp,
    },
    spec: { replicas: spec.replicas ?? 1 },
    status: { replicas: Number(obj.status?.replicas ?? 0), selector: selectorToString(spec.selector) },
  };
}

/** GET/PUT/PATCH …/deployments/{name}/scale. */
export function scaleRequest(
  h: ResourceHandlers,
  rt: ResourceType,
  ns: string,
  name: string,
  method: string,
  query: URLSearchParams,
  body: unknown,
  patchType?: PatchType,
): Reply {
  const obj = h.getOrThrow(rt, ns, name);
  const current = toScale(obj);
  if (method === "GET") return { status: 200, body: current };
  const next = method === "PATCH" ? applyPatch(patchType!, current, body) : body;
  if (!isPlainObject(next) || !isPlainObject(next.spec))
    throw new ApiError(400, "the body of the request was in an unknown format");
  const replicas = next.spec.replicas;
  if (typeof replicas !== "number" || !Number.isInteger(replicas) || replicas < 0) {
    throw new ApiError(
      422,
      `Scale.autoscaling "${name}" is invalid: spec.replicas: Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`,
      "Invalid",
    );
  }
  const sentVersion = isPlainObject(next.metadata) ? next.metadata.resourceVersion : undefined;
  const candidate: KObject = {
    ...obj,
    metadata: {
      ...obj.metadata,
      ...(sentVersion !== undefined ? { resourceVersion: String(sentVersion) } : {}),
    },
    spec: { ...(obj.spec ?? {}), replicas },
  };
  const result = h.commit(rt, obj, candidate, { mode: "main", dryRun: isDryRun(query) });
  return { status: 200, body: toScale(result.body as KObject) };
}

function intParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new ApiError(400, `invalid ${name}: ${raw}`);
  return n;
}

/** GET …/pods/{name}/log → text/plain (`follow=true` is streamed by followPodLog). */
export function podLogRequest(
  store: Store,
  ns: string,
  name: string,
  query: URLSearchParams,
): { status: number; text: string } {
  const pod = store.get(PODS, ns, name);
  if (!pod) throw notFound(PODS, name);
  const text = podLogs(pod, {
    container: query.get("container") ?? undefined,
    sinceSeconds: intParam(query, "sinceSeconds"),
    sinceTime: query.get("sinceTime") ?? undefined,
    tailLines: intParam(query, "tailLines"),
    limitBytes: intParam(query, "limitBytes"),
    timestamps: query.get("timestamps") === "true",
    previous: query.get("previous") === "true",
    now: new Date(),
  });
  return { status: 200, text };
}

/** POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews. */
export function selfSubjectAccessReview(control: DoubleControl, body: unknown): Reply {
  if (!isPlainObject(body) || !isPlainObject(body.spec))
    throw new ApiError(400, "the body of the request was in an unknown format");
  const attrs = (isPlainObject(body.spec.resourceAttributes) ? body.spec.resourceAttributes : {}) as Record<
    string,
    string | undefined
  >;
  if (!attrs.verb && !isPlainObject(body.spec.nonResourceAttributes)) {
    throw new ApiError(
      422,
      'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: exactly one of nonResourceAttributes or resourceAttributes must be specified',
      "Invalid",
    );
  }
  const denied = control.isDenied({
    verb: attrs.verb ?? "",
    group: attrs.group ?? "",
    resource: attrs.resource ?? "",
    subresource: attrs.subresource,
    namespace: attrs.namespace,
    name: attrs.name,
  });
  const status = denied
    ? { allowed: false, denied: true, reason: "denied by the Kubernetes API double (POST /__double/ssar)" }
    : { allowed: true, reason: "allowed by the Kubernetes API double" };
  return {
    status: 201,
    body: {
      kind: "SelfSubjectAccessReview",
      apiVersion: "authorization.k8s.io/v1",
      metadata: { creationTimestamp: null },
      spec: body.spec,
      status,
    },
  };
}

/** GET /apis/metrics.k8s.io/v1beta1/namespaces/{ns}/pods[/{name}]. */
export function metricsRequest(
  store: Store,
  control: DoubleControl,
  ns: string | undefined,
  name: string | undefined,
  query: URLSearchParams,
): Reply {
  if (!control.metricsAvailable) {
    throw new ApiError(
      503,
      "the server is currently unable to handle the request (get pods.metrics.k8s.io)",
      "ServiceUnavailable",
    );
  }
  const now = new Date();
  const running = (p: KObject) => p.status?.phase === "Running";
  if (name) {
    const pod = store.get(PODS, ns, name);
    if (!pod || !running(pod))
      throw new ApiError(404, `podmetrics.metrics.k8s.io "${ns}/${name}" not found`, "NotFound", {
        name,
        group: "metrics.k8s.io",
        kind: "pods",
      });
    return { status: 200, body: podMetrics(pod, now) };
  }
  const items = filterObjects(store.list(PODS, ns), query)
    .filter(running)
    .map((p) => podMetrics(p, now));
  return {
    status: 200,
    body: { kind: "PodMetricsList", apiVersion: "metrics.k8s.io/v1beta1", metadata: {}, items },
  };
}

/**
 * `follow=true`: the log so far, then each new line as the container writes it (every 15 s), until the client
 * disconnects or the pod goes away. Returns a function that ends the stream.
 */
export function followPodLog(
  store: Store,
  ns: string,
  name: string,
  query: URLSearchParams,
  res: ServerResponse,
): () => void {
  const first = podLogRequest(store, ns, name, query);
  res.writeHead(200, { "Content-Type": "text/plain", "Cache-Control": "no-cache, private" });
  res.write(first.text);
  const pod = store.get(PODS, ns, name)!;
  const container =
    query.get("container") ?? (pod.spec?.containers as Array<{ name: string }> | undefined)?.[0]?.name ?? "";
  const captured = capturedLog(pod.metadata.uid, container);
  if (captured) return followCapturedLog(captured, query.get("timestamps") === "true", res);
  const tail = new URLSearchParams(query);
  tail.delete("sinceSeconds");
  tail.delete("sinceTime");
  tail.set("tailLines", "1");
  const started = Date.parse(
    String(store.get(PODS, ns, name)?.status?.startTime ?? new Date().toISOString()),
  );
  const period = LOG_INTERVAL_S * 1000;
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    if (!store.get(PODS, ns, name)) return void res.end();
    try {
      res.write(podLogRequest(store, ns, name, tail).text);
    } catch {
      return void res.end();
    }
    timer = setTimeout(tick, period);
  };
  timer = setTimeout(tick, period - ((Date.now() - started) % period) + 50);
  const stop = () => {
    if (timer) clearTimeout(timer);
    if (!res.writableEnded) res.end();
  };
  res.on("close", stop);
  return stop;
}

/** A container that really runs: each line as it is written; the stream ends when the container exits. */
function followCapturedLog(log: CapturedLog, timestamps: boolean, res: ServerResponse): () => void {
  if (log.ended) {
    res.end();
    return () => {};
  }
  const unsubscribe = log.subscribe((e) => (e ? res.write(formatEntry(e, timestamps)) : stop()));
  const stop = () => {
    unsubscribe();
    if (!res.writableEnded) res.end();
  };
  res.on("close", stop);
  return stop;
}
