// meta.k8s.io/v1 Table output (what `kubectl get` asks for with Accept: …;as=Table).
import type { ResourceType } from "./resources";
import { jobCells } from "./job-table";
import { isPodReady } from "./pods";
import type { KObject } from "./types";

type Column = { name: string; type: string; format?: string; description: string; priority: number };
type Row = { cells: unknown[]; object: unknown };

function age(ts: string | undefined, now: Date): string {
  if (!ts) return "<unknown>";
  const s = Math.max(0, Math.floor((now.getTime() - Date.parse(ts)) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 600) return `${Math.floor(s / 60)}m${s % 60 ? `${s % 60}s` : ""}`;
  if (s < 3 * 3600) return `${Math.floor(s / 60)}m`;
  if (s < 8 * 3600)
    return `${Math.floor(s / 3600)}h${Math.floor((s % 3600) / 60) ? `${Math.floor((s % 3600) / 60)}m` : ""}`;
  if (s < 48 * 3600) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

const col = (name: string, type = "string", priority = 0, format?: string): Column => ({
  name,
  type,
  ...(format ? { format } : {}),
  description: name,
  priority,
});
const num = (v: unknown) => (typeof v === "number" ? v : 0);

/** `-o wide` columns of deployments and replicasets. */
const WIDE_WORKLOAD = [
  col("Containers", "string", 1),
  col("Images", "string", 1),
  col("Selector", "string", 1),
];
function wideWorkloadCells(spec: Record<string, unknown>): string[] {
  const containers =
    (spec.template as { spec?: { containers?: Array<{ name: string; image?: string }> } } | undefined)?.spec
      ?.containers ?? [];
  const selector = Object.entries(
    (spec.selector as { matchLabels?: Record<string, string> } | undefined)?.matchLabels ?? {},
  )
    .map(([k, v]) => `${k}=${v}`)
    .join(",");
  return [containers.map((c) => c.name).join(","), containers.map((c) => c.image ?? "").join(","), selector];
}

function cellsFor(rt: ResourceType, o: KObject, now: Date): { columns: Column[]; cells: unknown[] } {
  const created = age(o.metadata.creationTimestamp, now);
  const spec = (o.spec ?? {}) as Record<string, unknown>;
  const status = (o.status ?? {}) as Record<string, unknown>;
  switch (rt.resource) {
    case "deployments":
      return {
        columns: [
          col("Name", "string", 0, "name"),
          col("Ready"),
          col("Up-to-date", "integer"),
          col("Available", "integer"),
          col("Age"),
          ...WIDE_WORKLOAD,
        ],
        cells: [
          o.metadata.name,
          `${num(status.readyReplicas)}/${num(spec.replicas)}`,
          num(status.updatedReplicas),
          num(status.availableReplicas),
          created,
          ...wideWorkloadCells(spec),
        ],
      };
    case "replicasets":
      return {
        columns: [
          col("Name", "string", 0, "name"),
          col("Desired", "integer"),
          col("Current", "integer"),
          col("Ready", "integer"),
          col("Age"),
          ...WIDE_WORKLOAD,
        ],
        cells: [
          o.metadata.name,
          num(spec.replicas),
          num(status.replicas),
          num(status.readyReplicas),
          created,
          ...wideWorkloadCells(spec),
        ],
      };
    case "pods": {
      const statuses =
        (status.containerStatuses as
          | Array<{
              ready: boolean;
              restartCount: number;
              state?: { waiting?: { reason?: string }; terminated?: { reason?: string } };
            }>
          | undefined) ?? [];
      const waiting =
        statuses.find((s) => s.state?.waiting)?.state?.waiting?.reason ??
        statuses.find((s) => s.state?.terminated)?.state?.terminated?.reason;
      return {
        columns: [
          col("Name", "string", 0, "name"),
          col("Ready"),
          col("Status"),
          col("Restarts", "string"),
          col("Age"),
          col("IP", "string", 1),
          col("Node", "string", 1),
        ],
        cells: [
          o.metadata.name,
          `${statuses.filter((s) => s.ready).length}/${statuses.length}`,
          waiting ?? (isPodReady(o) ? "Running" : String(status.phase ?? "Pending")),
          String(statuses.reduce((n, s) => n + s.restartCount, 0)),
          created,
          status.podIP ?? "<none>",
          spec.nodeName ?? "<none>",
        ],
      };
    }
    case "services": {
      const ports = ((spec.ports as Array<{ port: number; protocol?: string }> | undefined) ?? [])
        .map((p) => `${p.port}/${p.protocol ?? "TCP"}`)
        .join(",");
      const selector = Object.entries((spec.selector as Record<string, string> | undefined) ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(",");
      return {
        columns: [
          col("Name", "string", 0, "name"),
          col("Type"),
          col("Cluster-IP"),
          col("External-IP"),
          col("Port(s)"),
          col("Age"),
          col("Selector", "string", 1),
        ],
        cells: [
          o.metadata.name,
          spec.type ?? "ClusterIP",
          spec.clusterIP ?? "<none>",
          "<none>",
          ports || "<none>",
          created,
          selector || "<none>",
        ],
      };
    }
    case "endpoints": {
      const subsets =
        (o.subsets as
          Array<{ addresses?: Array<{ ip: string }>; ports?: Array<{ port: number }> }> | undefined) ?? [];
      const eps = subsets.flatMap((s) =>
        (s.addresses ?? []).flatMap((a) => (s.ports ?? []).map((p) => `${a.ip}:${p.port}`)),
      );
      const shown =
        eps.length > 3 ? `${eps.slice(0, 3).join(",")} + ${eps.length - 3} more...` : eps.join(",");
      return {
        columns: [col("Name", "string", 0, "name"), col("Endpoints"), col("Age")],
        cells: [o.metadata.name, shown || "<none>", created],
      };
    }
    case "events": {
      const io = (o.involvedObject ?? {}) as { kind?: string; name?: string };
      return {
        columns: [col("Last Seen"), col("Type"), col("Reason"), col("Object"), col("Message")],
        cells: [
          age(o.lastTimestamp as string | undefined, now),
          o.type ?? "Normal",
          o.reason ?? "",
          `${String(io.kind ?? "").toLowerCase()}/${io.name ?? ""}`,
          o.message ?? "",
        ],
      };
    }
    case "jobs":
      return jobCells(o, created, now);
    case "configmaps":
      return {
        columns: [col("Name", "string", 0, "name"), col("Data", "integer"), col("Age")],
        cells: [
          o.metadata.name,
          Object.keys((o.data as object | undefined) ?? {}).length +
            Object.keys((o.binaryData as object | undefined) ?? {}).length,
          created,
        ],
      };
    case "secrets":
      return {
        columns: [col("Name", "string", 0, "name"), col("Type"), col("Data", "integer"), col("Age")],
        cells: [
          o.metadata.name,
          o.type ?? "Opaque",
          Object.keys((o.data as object | undefined) ?? {}).length,
          created,
        ],
      };
    case "networkpolicies": {
      const sel =
        (spec.podSelector as { matchLabels?: Record<string, string> } | undefined)?.matchLabels ?? {};
      const text = Object.entries(sel)
        .map(([k, v]) => `${k}=${v}`)
        .join(",");
      return {
        columns: [col("Name", "string", 0, "name"), col("Pod-Selector"), col("Age")],
        cells: [o.metadata.name, text || "<none>", created],
      };
    }
    default:
      return {
        columns: [col("Name", "string", 0, "name"), col("Created At", "date")],
        cells: [o.metadata.name, o.metadata.creationTimestamp],
      };
  }
}

export function toTable(rt: ResourceType, objects: KObject[], resourceVersion: string, now = new Date()) {
  let columns = cellsFor(rt, { metadata: { name: "" } }, now).columns;
  const rows: Row[] = objects.map((o) => {
    const r = cellsFor(rt, o, now);
    columns = r.columns;
    return {
      cells: r.cells,
      object: { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: o.metadata },
    };
  });
  return {
    kind: "Table",
    apiVersion: "meta.k8s.io/v1",
    metadata: { resourceVersion },
    columnDefinitions: columns,
    rows,
  };
}

export function wantsTable(accept: string | undefined): boolean {
  return /as=Table/.test(accept ?? "");
}
