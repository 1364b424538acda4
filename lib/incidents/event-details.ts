import { METRICS, type MetricKey } from "@/lib/runbook/catalog";
import type { TimelineEventDto } from "./types";

/** The key values of an event beyond its sentence, as plain rows (never a JSON dump): a metric
 * breach's reasons and its snapshot without empty values, an action's command and outcome, and
 * for other kinds their simple values. Pure; the timeline renders these. */
export type EventDetails = {
  reasons: string[];
  snapshot: Array<{ metric: string; value: string }>;
  command: string | null;
  facts: Array<{ label: string; value: string }>;
};

const SAID_ELSEWHERE = new Set([
  "from",
  "to",
  "reason",
  "jump",
  "severity",
  "service",
  "title",
  "role",
  "declarer",
  "reasons",
  "snapshot",
  "command",
  "template",
  "fields",
]);

export function eventDetails(e: TimelineEventDto): EventDetails {
  const d = e.data;
  return {
    reasons: Array.isArray(d.reasons) ? d.reasons.map(reasonText).filter((t): t is string => !!t) : [],
    snapshot: snapshotRows(d.snapshot),
    command: typeof d.command === "string" && d.command ? d.command : null,
    facts: e.kind === "note" ? [] : facts(d),
  };
}

function reasonText(r: unknown): string | null {
  if (typeof r === "string") return r;
  if (r && typeof r === "object" && typeof (r as { text?: unknown }).text === "string")
    return (r as { text: string }).text;
  return null;
}

function snapshotRows(snapshot: unknown): EventDetails["snapshot"] {
  const values =
    snapshot && typeof snapshot === "object" ? (snapshot as { values?: unknown }).values : undefined;
  if (!values || typeof values !== "object") return [];
  return Object.entries(values as Record<string, unknown>)
    .filter((entry): entry is [string, number] => typeof entry[1] === "number" && Number.isFinite(entry[1]))
    .map(([key, value]) => {
      const def = (METRICS as Record<string, (typeof METRICS)[MetricKey] | undefined>)[key];
      if (!def) return { metric: key, value: String(value) };
      const shown = def.unit === "up" ? (value >= 1 ? "up" : "down") : `${round(value)} ${def.unit}`;
      return { metric: def.label, value: shown };
    });
}

const FACT_LABELS: Record<string, string> = {
  actionId: "Action",
  kind: "Kind",
  outcome: "Outcome",
  durationMs: "Took",
  verification: "Verification",
  seconds: "Verified after",
};

function facts(d: Record<string, unknown>): EventDetails["facts"] {
  const out: EventDetails["facts"] = [];
  for (const [key, v] of Object.entries(d)) {
    if (SAID_ELSEWHERE.has(key) || v === null || v === undefined || v === "") continue;
    const label = FACT_LABELS[key] ?? humanize(key);
    if (key === "actionId") out.push({ label, value: `#${String(v)}` });
    else if (key === "durationMs" && typeof v === "number") out.push({ label, value: `${v} ms` });
    else if (key === "seconds" && typeof v === "number") out.push({ label, value: `${v} s` });
    else if (typeof v === "string" || typeof v === "number" || typeof v === "boolean")
      out.push({ label, value: typeof v === "boolean" ? (v ? "yes" : "no") : String(v) });
    else if (Array.isArray(v) && v.every((x) => typeof x === "string" || typeof x === "number"))
      out.push({ label, value: v.join(", ") });
  }
  return out;
}

function humanize(key: string): string {
  const words = key.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}

function round(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(Math.abs(v) < 10 ? 2 : 1);
}
