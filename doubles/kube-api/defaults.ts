// API-server defaulting and the validation the double enforces (what kubectl and Firebreak can trip over).
import type { ResourceType } from "./resources";
import { invalid } from "./status";
import { isPlainObject, type KObject } from "./types";

/** Go decoding turns JSON nulls into zero values that `omitempty` then drops: do the same. */
export function dropNulls<T>(value: T): T {
  if (Array.isArray(value)) return value.map(dropNulls) as T;
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = dropNulls(v);
    return out as T;
  }
  return value;
}

type Rec = Record<string, unknown>;

function defaultPodSpec(spec: Rec): void {
  spec.restartPolicy ??= "Always";
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= "ClusterFirst";
  spec.schedulerName ??= "default-scheduler";
  spec.securityContext ??= {};
  for (const c of (spec.containers as Rec[] | undefined) ?? []) {
    const image = String(c.image ?? "");
    c.imagePullPolicy ??= image.endsWith(":latest") || !image.includes(":") ? "Always" : "IfNotPresent";
    c.terminationMessagePath ??= "/dev/termination-log";
    c.terminationMessagePolicy ??= "File";
    c.resources ??= {};
    for (const p of (c.ports as Rec[] | undefined) ?? []) p.protocol ??= "TCP";
    for (const probe of ["readinessProbe", "livenessProbe", "startupProbe"]) {
      const pr = c[probe] as Rec | undefined;
      if (!pr) continue;
      pr.timeoutSeconds ??= 1;
      pr.periodSeconds ??= 10;
      pr.successThreshold ??= 1;
      pr.failureThreshold ??= 3;
      if (pr.httpGet) (pr.httpGet as Rec).scheme ??= "HTTP";
    }
  }
}

let nextClusterIp = 20;

/** batch/v1 Job defaults, with the controller-uid selector and labels the API server adds. */
function defaultJob(obj: KObject, spec: Rec): void {
  spec.parallelism ??= 1;
  spec.completions ??= 1;
  spec.backoffLimit ??= 6;
  spec.completionMode ??= "NonIndexed";
  spec.suspend ??= false;
  spec.podReplacementPolicy ??= "TerminatingOrFailed";
  const template = (spec.template ??= {}) as Rec;
  defaultPodSpec((template.spec ??= {}) as Rec);
  if (spec.manualSelector === true || !obj.metadata.uid) return;
  const uid = obj.metadata.uid;
  spec.selector ??= { matchLabels: { "batch.kubernetes.io/controller-uid": uid } };
  const meta = (template.metadata ??= {}) as Rec;
  meta.labels = {
    ...((meta.labels as Record<string, string> | undefined) ?? {}),
    "batch.kubernetes.io/controller-uid": uid,
    "batch.kubernetes.io/job-name": obj.metadata.name,
    "controller-uid": uid,
    "job-name": obj.metadata.name,
  };
  // A Job without labels takes its pod template's (the real `kubectl describe job` shows them).
  if (Object.keys(obj.metadata.labels ?? {}).length === 0)
    obj.metadata.labels = { ...(meta.labels as Record<string, string>) };
}

/** Fills in the defaults the real API server would (idempotent: safe on every write). */
export function applyDefaults(rt: ResourceType, obj: KObject): void {
  const spec = (obj.spec ??= {}) as Rec;
  switch (rt.resource) {
    case "deployments":
    case "replicasets": {
      spec.replicas ??= 1;
      spec.revisionHistoryLimit ??= 10;
      if (rt.resource === "deployments") {
        spec.progressDeadlineSeconds ??= 600;
        spec.strategy ??= {
          type: "RollingUpdate",
          rollingUpdate: { maxUnavailable: "25%", maxSurge: "25%" },
        };
      } else delete spec.revisionHistoryLimit;
      const template = (spec.template ??= {}) as Rec;
      defaultPodSpec((template.spec ??= {}) as Rec);
      break;
    }
    case "pods":
      defaultPodSpec(spec);
      break;
    case "jobs":
      defaultJob(obj, spec);
      break;
    case "services": {
      spec.type ??= "ClusterIP";
      spec.sessionAffinity ??= "None";
      if (spec.clusterIP === undefined && spec.type !== "ExternalName") {
        spec.clusterIP = `10.96.0.${nextClusterIp++ % 250}`;
        spec.clusterIPs = [spec.clusterIP];
      }
      spec.ipFamilies ??= ["IPv4"];
      spec.ipFamilyPolicy ??= "SingleStack";
      spec.internalTrafficPolicy ??= "Cluster";
      for (const p of (spec.ports as Rec[] | undefined) ?? []) {
        p.protocol ??= "TCP";
        p.targetPort ??= p.port;
      }
      break;
    }
    case "networkpolicies":
      spec.policyTypes ??= ["Ingress"];
      break;
    case "secrets": {
      delete obj.spec;
      obj.type ??= "Opaque";
      // stringData is write-only: the API server merges it into data, base64-encoded.
      const stringData = obj.stringData as Record<string, string> | undefined;
      if (stringData) {
        const data = (obj.data ?? {}) as Record<string, string>;
        for (const [k, v] of Object.entries(stringData)) data[k] = Buffer.from(String(v)).toString("base64");
        obj.data = data;
        delete obj.stringData;
      }
      break;
    }
    default:
      if (Object.keys(spec).length === 0) delete obj.spec;
  }
}

function isLabelMap(value: unknown): boolean {
  return (
    value === undefined || (isPlainObject(value) && Object.values(value).every((v) => typeof v === "string"))
  );
}

/** Validation on create/update; `previous` is the stored object for updates. */
export function validate(rt: ResourceType, obj: KObject, previous?: KObject): void {
  const name = obj.metadata.name;
  const causes: Array<{ field: string; message: string }> = [];
  if (!isLabelMap(obj.metadata.labels))
    causes.push({ field: "metadata.labels", message: "Invalid value: label values must be strings" });
  if (!isLabelMap(obj.metadata.annotations))
    causes.push({
      field: "metadata.annotations",
      message: "Invalid value: annotation values must be strings",
    });
  const spec = (obj.spec ?? {}) as Rec;
  if (rt.resource === "deployments" || rt.resource === "replicasets") {
    const r = spec.replicas;
    if (typeof r !== "number" || !Number.isInteger(r) || r < 0) {
      causes.push({
        field: "spec.replicas",
        message: `Invalid value: ${JSON.stringify(r)}: must be greater than or equal to 0`,
      });
    }
    if (
      previous &&
      JSON.stringify((previous.spec as Rec | undefined)?.selector) !== JSON.stringify(spec.selector)
    ) {
      causes.push({ field: "spec.selector", message: "Invalid value: field is immutable" });
    }
    const template = spec.template as Rec | undefined;
    const containers = (template?.spec as Rec | undefined)?.containers;
    if (!Array.isArray(containers) || containers.length === 0)
      causes.push({ field: "spec.template.spec.containers", message: "Required value" });
  }
  if (rt.resource === "jobs") {
    const pod = ((spec.template as Rec | undefined)?.spec ?? {}) as Rec;
    if (!Array.isArray(pod.containers) || pod.containers.length === 0)
      causes.push({ field: "spec.template.spec.containers", message: "Required value" });
    if (pod.restartPolicy !== "OnFailure" && pod.restartPolicy !== "Never")
      causes.push({
        field: "spec.template.spec.restartPolicy",
        message: `Required value: valid values: "OnFailure", "Never"`,
      });
    if (
      previous &&
      JSON.stringify((previous.spec as Rec | undefined)?.selector) !== JSON.stringify(spec.selector)
    )
      causes.push({ field: "spec.selector", message: "Invalid value: field is immutable" });
  }
  if (rt.resource === "services") {
    if (!isLabelMap(spec.selector))
      causes.push({ field: "spec.selector", message: "Invalid value: selector values must be strings" });
    if (previous && (previous.spec as Rec | undefined)?.clusterIP !== spec.clusterIP) {
      causes.push({ field: "spec.clusterIP", message: "Invalid value: field is immutable" });
    }
  }
  if (rt.resource === "configmaps" || rt.resource === "secrets") {
    for (const field of ["data", "stringData", "binaryData"]) {
      if (!isLabelMap(obj[field])) causes.push({ field, message: "Invalid value: values must be strings" });
    }
  }
  if (causes.length > 0) throw invalid(rt, name, causes);
}
