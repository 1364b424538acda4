// Protobuf decoding of a batch/v1 Job body (what `kubectl create job` sends), field numbers from k8s.io/api's
// generated.proto: the subset kubectl and Firebreak set (metadata, counts and limits, the pod template's
// containers, volumes, restart policy). Fields outside it are dropped.
import { decodeFields } from "./protobuf";

type Fields = ReturnType<typeof decodeFields>;

const all = (f: Fields, n: number) => f.get(n) ?? [];
const bufs = (f: Fields, n: number) => all(f, n).filter(Buffer.isBuffer) as Buffer[];
const str = (f: Fields, n: number) => {
  const v = bufs(f, n)[0]?.toString("utf8");
  return v ? v : undefined;
};
const strs = (f: Fields, n: number) => bufs(f, n).map((b) => b.toString("utf8"));
const int = (f: Fields, n: number) => {
  const v = all(f, n)[0];
  return typeof v === "number" ? v : undefined;
};
const sub = (f: Fields, n: number) => {
  const b = bufs(f, n)[0];
  return b ? decodeFields(b) : undefined;
};
const subs = (f: Fields, n: number) => bufs(f, n).map((b) => decodeFields(b));

function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(
    Object.entries(o).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)),
  ) as T;
}

function map(f: Fields, n: number): Record<string, string> | undefined {
  const entries = subs(f, n).map((e) => [str(e, 1) ?? "", str(e, 2) ?? ""] as const);
  return entries.length ? Object.fromEntries(entries) : undefined;
}

function meta(f: Fields | undefined) {
  if (!f) return {};
  return compact({
    name: str(f, 1),
    generateName: str(f, 2),
    namespace: str(f, 3),
    labels: map(f, 11),
    annotations: map(f, 12),
  });
}

function container(f: Fields) {
  return compact({
    name: str(f, 1),
    image: str(f, 2),
    command: strs(f, 3),
    args: strs(f, 4),
    workingDir: str(f, 5),
    env: subs(f, 7).map((e) => compact({ name: str(e, 1), value: str(e, 2) })),
    resources: {},
    volumeMounts: subs(f, 9).map((m) => compact({ name: str(m, 1), mountPath: str(m, 3) })),
    imagePullPolicy: str(f, 14),
  });
}

function volume(f: Fields) {
  const source = sub(f, 2);
  const cm = source ? sub(source, 19) : undefined;
  const downward = source ? sub(source, 16) : undefined;
  const empty = source ? sub(source, 2) : undefined;
  return compact({
    name: str(f, 1),
    configMap: cm ? { name: str(sub(cm, 1) ?? new Map(), 1) } : undefined,
    downwardAPI: downward
      ? {
          items: subs(downward, 1).map((i) => ({
            path: str(i, 1),
            fieldRef: { fieldPath: str(sub(i, 2) ?? new Map(), 2) },
          })),
        }
      : undefined,
    emptyDir: empty ? {} : undefined,
  });
}

export function decodeJob(inner: Fields, apiVersion: string | undefined) {
  const spec = sub(inner, 2) ?? new Map();
  const template = sub(spec, 6) ?? new Map();
  const pod = sub(template, 2) ?? new Map();
  const suspend = int(spec, 10);
  return {
    apiVersion,
    kind: "Job",
    metadata: meta(sub(inner, 1)),
    spec: compact({
      parallelism: int(spec, 1),
      completions: int(spec, 2),
      activeDeadlineSeconds: int(spec, 3),
      backoffLimit: int(spec, 7),
      ttlSecondsAfterFinished: int(spec, 8),
      completionMode: str(spec, 9),
      suspend: suspend === undefined ? undefined : suspend === 1,
      template: {
        metadata: meta(sub(template, 1)),
        spec: compact({
          volumes: subs(pod, 1).map(volume),
          containers: subs(pod, 2).map(container),
          restartPolicy: str(pod, 3),
          serviceAccountName: str(pod, 8),
        }),
      },
    }),
  };
}
