// `kubectl get jobs` columns as the real server prints them (Name, Status, Completions, Duration, Age; -o wide:
// Containers, Images, Selector).
import type { KObject } from "./types";

type Column = { name: string; type: string; format?: string; description: string; priority: number };

const col = (name: string, priority = 0, format?: string): Column => ({
  name,
  type: "string",
  ...(format ? { format } : {}),
  description: name,
  priority,
});

/** k8s.io/apimachinery duration.HumanDuration. */
export function humanDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 ? `${m}m${s % 60}s` : `${m}m`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(s / 3600);
  if (h < 8) return m % 60 ? `${h}h${m % 60}m` : `${h}h`;
  if (h < 48) return `${h}h`;
  return `${Math.floor(h / 24)}d`;
}

export function jobCells(o: KObject, created: string, now: Date): { columns: Column[]; cells: unknown[] } {
  const spec = (o.spec ?? {}) as {
    completions?: number;
    parallelism?: number;
    template?: { spec?: { containers?: Array<{ name: string; image?: string }> } };
    selector?: { matchLabels?: Record<string, string> };
  };
  const status = (o.status ?? {}) as {
    succeeded?: number;
    startTime?: string;
    completionTime?: string;
    conditions?: Array<{ type: string; status: string }>;
  };
  const has = (t: string) => (status.conditions ?? []).some((c) => c.type === t && c.status === "True");
  const completions =
    spec.completions !== undefined
      ? `${status.succeeded ?? 0}/${spec.completions}`
      : `${status.succeeded ?? 0}/1 of ${spec.parallelism ?? 1}`;
  const duration = !status.startTime
    ? ""
    : humanDuration(
        (status.completionTime ? Date.parse(status.completionTime) : now.getTime()) -
          Date.parse(status.startTime),
      );
  const state = has("Complete")
    ? "Complete"
    : has("Failed")
      ? "Failed"
      : o.metadata.deletionTimestamp
        ? "Terminating"
        : has("Suspended")
          ? "Suspended"
          : has("FailureTarget")
            ? "FailureTarget"
            : has("SuccessCriteriaMet")
              ? "SuccessCriteriaMet"
              : "Running";
  const containers = spec.template?.spec?.containers ?? [];
  const selector = Object.entries(spec.selector?.matchLabels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(",");
  return {
    columns: [
      col("Name", 0, "name"),
      col("Status"),
      col("Completions"),
      col("Duration"),
      col("Age"),
      col("Containers", 1),
      col("Images", 1),
      col("Selector", 1),
    ],
    cells: [
      o.metadata.name,
      state,
      completions,
      duration,
      created,
      containers.map((c) => c.name).join(","),
      containers.map((c) => c.image ?? "").join(","),
      selector,
    ],
  };
}
