// Endpoints and EndpointSlice controllers: each Service's backends are the ready pods matching its selector.
import { isPodReady, NODE_NAME, safeSuffix } from "./pods";
import { findResourceType } from "./resources";
import { matchesMapSelector } from "./selectors";
import type { Store } from "./store";
import { deepEqual, type KObject } from "./types";

const SERVICES = findResourceType("", "v1", "services")!;
const PODS = findResourceType("", "v1", "pods")!;
const ENDPOINTS = findResourceType("", "v1", "endpoints")!;
const SLICES = findResourceType("discovery.k8s.io", "v1", "endpointslices")!;

type Port = { name?: string; port: number; targetPort?: number | string; protocol?: string };

function resolveTargetPort(port: Port, pods: KObject[]): number {
  if (typeof port.targetPort === "number") return port.targetPort;
  if (typeof port.targetPort === "string") {
    for (const pod of pods) {
      for (const c of (pod.spec?.containers as
        Array<{ ports?: Array<{ name?: string; containerPort: number }> }> | undefined) ?? []) {
        const found = c.ports?.find((p) => p.name === port.targetPort);
        if (found) return found.containerPort;
      }
    }
  }
  return port.port;
}

export function sliceName(service: KObject): string {
  return `${service.metadata.name}-${safeSuffix(service.metadata.uid ?? service.metadata.name, 5)}`;
}

/** Recomputes Endpoints + EndpointSlice of one Service; writes only when something changed. */
export function syncServiceEndpoints(store: Store, namespace: string, name: string): void {
  const service = store.get(SERVICES, namespace, name);
  const selector = service?.spec?.selector as Record<string, string> | undefined;
  if (!service || !selector || Object.keys(selector).length === 0) return;
  const pods = store
    .list(PODS, namespace)
    .filter(
      (p) =>
        !p.metadata.deletionTimestamp && p.status?.podIP && matchesMapSelector(p.metadata.labels, selector),
    );
  const ports = ((service.spec?.ports as Port[] | undefined) ?? []).map((p) => ({
    ...(p.name ? { name: p.name } : {}),
    port: resolveTargetPort(p, pods),
    protocol: p.protocol ?? "TCP",
  }));
  const address = (p: KObject) => ({
    ip: String(p.status!.podIP),
    nodeName: NODE_NAME,
    targetRef: { kind: "Pod", namespace, name: p.metadata.name, uid: p.metadata.uid },
  });
  const ready = pods.filter(isPodReady).map(address);
  const notReady = pods.filter((p) => !isPodReady(p)).map(address);
  const subsets =
    ready.length + notReady.length > 0
      ? [
          {
            ...(ready.length ? { addresses: ready } : {}),
            ...(notReady.length ? { notReadyAddresses: notReady } : {}),
            ports,
          },
        ]
      : undefined;
  const owner = {
    apiVersion: "v1",
    kind: "Service",
    name,
    uid: service.metadata.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };

  const existing = store.get(ENDPOINTS, namespace, name);
  if (!existing) {
    store.create(ENDPOINTS, {
      metadata: { name, namespace, labels: { ...(service.metadata.labels ?? {}) } },
      ...(subsets ? { subsets } : {}),
    });
  } else if (!deepEqual(existing.subsets, subsets)) {
    const next = { ...existing };
    if (subsets) next.subsets = subsets;
    else delete next.subsets;
    store.update(ENDPOINTS, next);
  }

  const endpoints = pods.map((p) => ({
    addresses: [String(p.status!.podIP)],
    conditions: { ready: isPodReady(p), serving: isPodReady(p), terminating: false },
    nodeName: NODE_NAME,
    targetRef: { kind: "Pod", namespace, name: p.metadata.name, uid: p.metadata.uid },
  }));
  const sName = sliceName(service);
  const slice = store.get(SLICES, namespace, sName);
  if (!slice) {
    store.create(SLICES, {
      metadata: {
        name: sName,
        generateName: `${name}-`,
        namespace,
        labels: {
          "kubernetes.io/service-name": name,
          "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io",
        },
        ownerReferences: [owner],
      },
      addressType: "IPv4",
      endpoints,
      ports,
    });
  } else if (!deepEqual(slice.endpoints, endpoints) || !deepEqual(slice.ports, ports)) {
    store.update(SLICES, { ...slice, endpoints, ports });
  }
}

export function syncAllEndpoints(store: Store, namespace: string): void {
  for (const svc of store.list(SERVICES, namespace))
    syncServiceEndpoints(store, namespace, svc.metadata.name);
}

export function deleteServiceEndpoints(store: Store, service: KObject): void {
  const ns = service.metadata.namespace!;
  store.delete(ENDPOINTS, ns, service.metadata.name);
  store.delete(SLICES, ns, sliceName(service));
}
