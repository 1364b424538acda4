// The API subset the double serves, and the discovery documents kubectl reads.
import { PLATFORM_RESOURCE_TYPES } from "./resources-platform";

export interface ResourceType {
  group: string; // "" for core
  version: string;
  resource: string; // plural
  singular: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  subresources?: Array<{ name: string; kind: string; group?: string; version?: string; verbs: string[] }>;
  /** Stored in the double (false: computed on request, e.g. SSAR, metrics). */
  stored: boolean;
  /** Spec writes bump metadata.generation. */
  generation?: boolean;
  /** Has a /status subresource: main-resource writes keep status. */
  statusSubresource?: boolean;
}

const RW = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

export const RESOURCE_TYPES: ResourceType[] = [
  {
    group: "",
    version: "v1",
    resource: "namespaces",
    singular: "namespace",
    kind: "Namespace",
    namespaced: false,
    verbs: ["create", "get", "list", "patch", "update", "watch"],
    shortNames: ["ns"],
    stored: true,
  },
  {
    group: "",
    version: "v1",
    resource: "services",
    categories: ["all"],
    singular: "service",
    kind: "Service",
    namespaced: true,
    verbs: RW,
    shortNames: ["svc"],
    stored: true,
    statusSubresource: true,
    subresources: [{ name: "status", kind: "Service", verbs: ["get", "patch", "update"] }],
  },
  {
    group: "",
    version: "v1",
    resource: "endpoints",
    singular: "endpoints",
    kind: "Endpoints",
    namespaced: true,
    verbs: RW,
    shortNames: ["ep"],
    stored: true,
  },
  {
    group: "",
    version: "v1",
    resource: "configmaps",
    singular: "configmap",
    kind: "ConfigMap",
    namespaced: true,
    verbs: RW,
    shortNames: ["cm"],
    stored: true,
  },
  {
    group: "",
    version: "v1",
    resource: "secrets",
    singular: "secret",
    kind: "Secret",
    namespaced: true,
    verbs: RW,
    stored: true,
  },
  {
    group: "",
    version: "v1",
    resource: "events",
    singular: "event",
    kind: "Event",
    namespaced: true,
    verbs: RW,
    shortNames: ["ev"],
    stored: true,
  },
  {
    group: "",
    version: "v1",
    resource: "pods",
    categories: ["all"],
    singular: "pod",
    kind: "Pod",
    namespaced: true,
    verbs: RW,
    shortNames: ["po"],
    stored: true,
    statusSubresource: true,
    subresources: [
      { name: "log", kind: "Pod", verbs: ["get"] },
      { name: "status", kind: "Pod", verbs: ["get", "patch", "update"] },
    ],
  },
  {
    group: "discovery.k8s.io",
    version: "v1",
    resource: "endpointslices",
    singular: "endpointslice",
    kind: "EndpointSlice",
    namespaced: true,
    verbs: RW,
    stored: true,
  },
  {
    group: "apps",
    version: "v1",
    resource: "deployments",
    categories: ["all"],
    singular: "deployment",
    kind: "Deployment",
    namespaced: true,
    verbs: RW,
    shortNames: ["deploy"],
    stored: true,
    generation: true,
    statusSubresource: true,
    subresources: [
      {
        name: "scale",
        kind: "Scale",
        group: "autoscaling",
        version: "v1",
        verbs: ["get", "patch", "update"],
      },
      { name: "status", kind: "Deployment", verbs: ["get", "patch", "update"] },
    ],
  },
  {
    group: "apps",
    version: "v1",
    resource: "replicasets",
    categories: ["all"],
    singular: "replicaset",
    kind: "ReplicaSet",
    namespaced: true,
    verbs: RW,
    shortNames: ["rs"],
    stored: true,
    generation: true,
    statusSubresource: true,
    subresources: [{ name: "status", kind: "ReplicaSet", verbs: ["get", "patch", "update"] }],
  },
  {
    group: "networking.k8s.io",
    version: "v1",
    resource: "networkpolicies",
    singular: "networkpolicy",
    kind: "NetworkPolicy",
    namespaced: true,
    verbs: RW,
    shortNames: ["netpol"],
    stored: true,
    generation: true,
  },
  {
    group: "authorization.k8s.io",
    version: "v1",
    resource: "selfsubjectaccessreviews",
    singular: "selfsubjectaccessreview",
    kind: "SelfSubjectAccessReview",
    namespaced: false,
    verbs: ["create"],
    stored: false,
  },
  {
    group: "metrics.k8s.io",
    version: "v1beta1",
    resource: "pods",
    singular: "",
    kind: "PodMetrics",
    namespaced: true,
    verbs: ["get", "list"],
    stored: false,
  },
  ...PLATFORM_RESOURCE_TYPES,
];

export function apiVersionOf(rt: ResourceType): string {
  return rt.group ? `${rt.group}/${rt.version}` : rt.version;
}

export function findResourceType(group: string, version: string, resource: string): ResourceType | undefined {
  return RESOURCE_TYPES.find((r) => r.group === group && r.version === version && r.resource === resource);
}

export function resourceTypeOfKind(kind: string): ResourceType | undefined {
  return RESOURCE_TYPES.find((r) => r.kind === kind && r.stored);
}

function groupVersions(): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const rt of RESOURCE_TYPES) {
    if (!rt.group) continue;
    const versions = groups.get(rt.group) ?? [];
    if (!versions.includes(rt.version)) versions.push(rt.version);
    groups.set(rt.group, versions);
  }
  return groups;
}

export function apiVersionsDoc(serverAddress: string) {
  return {
    kind: "APIVersions",
    versions: ["v1"],
    serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress }],
  };
}

function groupDoc(name: string, versions: string[]) {
  const list = versions.map((version) => ({ groupVersion: `${name}/${version}`, version }));
  return { name, versions: list, preferredVersion: list[0] };
}

export function apiGroupListDoc(opts: { metricsAvailable: boolean }) {
  const groups = [...groupVersions()]
    .filter(([name]) => opts.metricsAvailable || name !== "metrics.k8s.io")
    .map(([name, versions]) => groupDoc(name, versions));
  return { kind: "APIGroupList", apiVersion: "v1", groups };
}

export function apiGroupDoc(group: string) {
  const versions = groupVersions().get(group);
  if (!versions) return undefined;
  return { kind: "APIGroup", apiVersion: "v1", ...groupDoc(group, versions) };
}

export function apiResourceListDoc(group: string, version: string) {
  const types = RESOURCE_TYPES.filter((r) => r.group === group && r.version === version);
  if (types.length === 0) return undefined;
  const resources = types.flatMap((rt) => [
    {
      name: rt.resource,
      singularName: rt.singular,
      namespaced: rt.namespaced,
      kind: rt.kind,
      verbs: rt.verbs,
      ...(rt.shortNames ? { shortNames: rt.shortNames } : {}),
      ...(rt.categories ? { categories: rt.categories } : {}),
    },
    ...(rt.subresources ?? []).map((sub) => ({
      name: `${rt.resource}/${sub.name}`,
      singularName: "",
      namespaced: rt.namespaced,
      ...(sub.group !== undefined ? { group: sub.group, version: sub.version } : {}),
      kind: sub.kind,
      verbs: sub.verbs,
    })),
  ]);
  return {
    kind: "APIResourceList",
    apiVersion: "v1",
    groupVersion: group ? `${group}/${version}` : version,
    resources,
  };
}
