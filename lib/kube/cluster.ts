/** The Kubernetes port: what Firebreak needs from a cluster, in Firebreak's own types.
 * `client-node-cluster.ts` implements it against a real API server (or the local double);
 * `fake-cluster.ts` implements it in memory for unit tests. Failures are thrown as
 * `AppError`s with plain-words messages (see `errors.ts`). */

import type { LabelSelector } from "./label-selector";

export type { LabelSelector } from "./label-selector";

export type ObjectRef = { namespace: string; name: string };

export type JsonPatchOp =
  { op: "replace" | "add" | "test"; path: string; value: unknown } | { op: "remove"; path: string };

export type WriteOptions = { dryRun?: boolean };

/** A pod template as the API returns it (opaque JSON: copied, never interpreted beyond images). */
export type PodTemplate = Record<string, unknown>;

export type ServiceSelectorView = ObjectRef & {
  selector: Record<string, string>;
  resourceVersion: string;
};

export type DeploymentView = ObjectRef & {
  uid: string;
  resourceVersion: string;
  generation: number;
  observedGeneration: number;
  replicas: number;
  readyReplicas: number;
  updatedReplicas: number;
  availableReplicas: number;
  revision: number | null;
  matchLabels: Record<string, string>;
  /** The full `spec.selector` (matchLabels and matchExpressions). */
  selector: LabelSelector;
  annotations: Record<string, string>;
  template: PodTemplate;
  images: string[];
  restartedAt: string | null;
};

export type RevisionView = {
  revision: number;
  replicaSet: string;
  images: string[];
  /** The ReplicaSet's template with `pod-template-hash` removed, as `kubectl rollout undo` sends it. */
  template: PodTemplate;
  replicas: number;
  annotations: Record<string, string>;
  createdAt: string | null;
  changeCause: string | null;
};

export type PodCondition = { type: string; status: string; reason?: string; message?: string };

export type PodView = {
  name: string;
  labels: Record<string, string>;
  phase: string;
  ready: boolean;
  restarts: number;
  /** Container names in spec order (the first is the app container). */
  containers?: string[];
  conditions: PodCondition[];
  startedAt: string | null;
};

export type EndpointAddressView = { ip: string; podName: string | null; ready: boolean };

export type LogLine = { pod: string; text: string };

/** A bounded log read: the API caps it (`limitBytes`, `tailLines`) and the adapter stops
 * reading at `limitBytes` too, so a huge log never lands in memory whole. */
export type PodLogRead = {
  container: string;
  sinceSeconds?: number;
  tailLines?: number;
  limitBytes: number;
};

export type PodLogText = { text: string; truncated: boolean };

export type AccessRequest = {
  verb: "get" | "list" | "patch" | "create" | "update";
  group: string;
  resource: string;
  subresource?: string;
  namespace: string;
  name?: string;
};

export type AccessCheck = { allowed: boolean; reason: string };

export type PodUsage =
  | { available: true; pods: Array<{ name: string; cpu: string; memory: string }> }
  | { available: false; reason: string };

export type DryRunResult<T> = { before: T; after: T };

export interface Cluster {
  getService(ref: ObjectRef): Promise<ServiceSelectorView>;
  /** JSON patch (RFC 6902) on the Service; `test` ops give optimistic concurrency. */
  patchService(ref: ObjectRef, ops: JsonPatchOp[], opts?: WriteOptions): Promise<ServiceSelectorView>;
  getDeployment(ref: ObjectRef): Promise<DeploymentView>;
  /** ReplicaSets owned by the deployment that carry `deployment.kubernetes.io/revision`, newest first. */
  listRevisions(deployment: DeploymentView): Promise<RevisionView[]>;
  /** JSON patch on the Deployment (rollout undo sends one, like kubectl). */
  patchDeployment(ref: ObjectRef, ops: JsonPatchOp[], opts?: WriteOptions): Promise<DeploymentView>;
  /** Strategic merge patch of `kubectl.kubernetes.io/restartedAt`, as `kubectl rollout restart`. */
  restartDeployment(ref: ObjectRef, at: string, opts?: WriteOptions): Promise<DeploymentView>;
  /** Merge patch on `/scale`, as `kubectl scale`; returns the new desired replicas. */
  scaleDeployment(ref: ObjectRef, replicas: number, opts?: WriteOptions): Promise<{ replicas: number }>;
  /** Creates (or replaces) a NetworkPolicy denying all ingress to pods matching `podSelector`. */
  applyDenyIngressPolicy(
    ref: ObjectRef,
    podSelector: LabelSelector,
    opts?: WriteOptions,
  ): Promise<{ created: boolean }>;
  listPods(namespace: string, labels: Record<string, string>): Promise<PodView[]>;
  /** Pods matching a full LabelSelector (matchExpressions too). */
  listPodsMatching(namespace: string, selector: LabelSelector): Promise<PodView[]>;
  getEndpoints(ref: ObjectRef): Promise<EndpointAddressView[]>;
  readPodLogs(ref: ObjectRef, read: PodLogRead): Promise<PodLogText>;
  podUsage(namespace: string, labels: Record<string, string>): Promise<PodUsage>;
  checkAccess(request: AccessRequest): Promise<AccessCheck>;
}
