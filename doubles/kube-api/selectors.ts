// Label selectors (string syntax and LabelSelector objects) and the field selectors the double supports.
import { ApiError } from "./status";
import type { KObject, LabelSelectorSpec } from "./types";

export type Requirement =
  | { key: string; op: "=" | "!="; value: string }
  | { key: string; op: "in" | "notin"; values: string[] }
  | { key: string; op: "exists" | "!exists" };

export type Labels = Record<string, string> | undefined;

/** Parses `a=b,c!=d,e in (x,y),f notin (z),g,!h` into requirements. Throws ApiError(400) on bad syntax. */
export function parseLabelSelector(selector: string): Requirement[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of selector) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  const requirements: Requirement[] = [];
  for (const raw of parts) {
    const part = raw.trim();
    if (!part) continue;
    let m = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(part);
    if (m) {
      const values = (m[3] ?? "")
        .split(",")
        .map((v) => v.trim())
        .filter((v) => v !== "");
      requirements.push({ key: m[1]!, op: m[2] as "in" | "notin", values });
      continue;
    }
    m = /^([\w./-]+)\s*(==|=|!=)\s*([\w./-]*)$/.exec(part);
    if (m) {
      requirements.push({ key: m[1]!, op: m[2] === "!=" ? "!=" : "=", value: m[3] ?? "" });
      continue;
    }
    m = /^(!?)([\w./-]+)$/.exec(part);
    if (m) {
      requirements.push({ key: m[2]!, op: m[1] ? "!exists" : "exists" });
      continue;
    }
    throw new ApiError(
      400,
      `unable to parse requirement: found '${part}', expected: in, notin, =, ==, !=, gt, lt`,
    );
  }
  return requirements;
}

export function matchesRequirements(labels: Labels, requirements: Requirement[]): boolean {
  const l = labels ?? {};
  return requirements.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const value = l[r.key];
    switch (r.op) {
      case "=":
        return has && value === r.value;
      case "!=":
        return !has || value !== r.value;
      case "in":
        return has && r.values.includes(value!);
      case "notin":
        return !has || !r.values.includes(value!);
      case "exists":
        return has;
      case "!exists":
        return !has;
    }
  });
}

export function matchesLabelSelector(labels: Labels, selector: string): boolean {
  return matchesRequirements(labels, parseLabelSelector(selector));
}

/** A metav1.LabelSelector object. An empty selector matches everything (as in the API). */
export function matchesSelectorSpec(labels: Labels, spec: LabelSelectorSpec | undefined): boolean {
  if (!spec) return false;
  const reqs: Requirement[] = Object.entries(spec.matchLabels ?? {}).map(([key, value]) => ({
    key,
    op: "=",
    value,
  }));
  for (const e of spec.matchExpressions ?? []) {
    const op = e.operator.toLowerCase();
    if (op === "in" || op === "notin") reqs.push({ key: e.key, op, values: e.values ?? [] });
    else if (op === "exists") reqs.push({ key: e.key, op: "exists" });
    else if (op === "doesnotexist") reqs.push({ key: e.key, op: "!exists" });
  }
  return matchesRequirements(labels, reqs);
}

/** A Service's plain map selector: an empty or missing selector selects nothing. */
export function matchesMapSelector(labels: Labels, selector: Record<string, string> | undefined): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  const l = labels ?? {};
  return Object.entries(selector).every(([k, v]) => l[k] === v);
}

/** Renders matchLabels as `a=b,c=d` (what the API puts in Scale.status.selector). */
export function selectorToString(spec: LabelSelectorSpec | undefined): string {
  const parts = Object.entries(spec?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of spec?.matchExpressions ?? []) {
    const op = e.operator.toLowerCase();
    if (op === "exists") parts.push(e.key);
    else if (op === "doesnotexist") parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${op} (${(e.values ?? []).join(",")})`);
  }
  return parts.join(",");
}

const FIELD_PATHS: Record<string, (o: KObject) => unknown> = {
  "metadata.name": (o) => o.metadata.name,
  "metadata.namespace": (o) => o.metadata.namespace,
  "status.phase": (o) => o.status?.phase,
  "spec.nodeName": (o) => o.spec?.nodeName,
  "involvedObject.kind": (o) => (o.involvedObject as Record<string, unknown> | undefined)?.kind,
  "involvedObject.name": (o) => (o.involvedObject as Record<string, unknown> | undefined)?.name,
  "involvedObject.namespace": (o) => (o.involvedObject as Record<string, unknown> | undefined)?.namespace,
  "involvedObject.uid": (o) => (o.involvedObject as Record<string, unknown> | undefined)?.uid,
  reason: (o) => o.reason,
  type: (o) => o.type,
};

export type FieldRequirement = { field: string; op: "=" | "!="; value: string };

export function parseFieldSelector(selector: string): FieldRequirement[] {
  return selector
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)
    .map((part) => {
      const m = /^([\w.]+)\s*(==|=|!=)\s*(.*)$/.exec(part);
      if (!m || !FIELD_PATHS[m[1]!]) {
        throw new ApiError(
          400,
          `"${part.split(/[!=]/)[0]}" is not a known field selector: supported: ${Object.keys(FIELD_PATHS).join(", ")}`,
        );
      }
      return { field: m[1]!, op: m[2] === "!=" ? "!=" : "=", value: m[3] ?? "" } as FieldRequirement;
    });
}

export function matchesFieldSelector(obj: KObject, requirements: FieldRequirement[]): boolean {
  return requirements.every((r) => {
    const actual = String(FIELD_PATHS[r.field]!(obj) ?? "");
    return r.op === "=" ? actual === r.value : actual !== r.value;
  });
}
