/** Pure helpers for ConfigMap/Secret data: canonical form, checksum, and the diff a restore
 * shows, with Secret values masked (never a character of them, only their decoded size). */
import { createHash } from "node:crypto";

import type { ConfigObjectKind } from "@/lib/kube/config-objects";
import type { DiffLine } from "@/lib/kube/diff";

/** JSON with keys in sorted order: the same data always gives the same bytes. */
export function canonicalJson(data: Record<string, string>): string {
  return JSON.stringify(
    Object.fromEntries(Object.entries(data).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  );
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** How a Secret value (base64, as the API stores it) may be shown. */
export function maskedSecretValue(base64: string): string {
  return `•••••• (${Buffer.from(base64, "base64").length} bytes)`;
}

/** Key by key, what setting `before` to `after` changes. Secret lines show masked values, and
 * a changed value of the same size says "different value". */
export function dataDiff(
  kind: ConfigObjectKind,
  before: Record<string, string>,
  after: Record<string, string>,
): DiffLine[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const lines: DiffLine[] = [];
  for (const key of keys) {
    const b = before[key];
    const a = after[key];
    if (a === b) continue;
    if (kind === "ConfigMap") {
      lines.push({ path: `data.${key}`, before: b ?? null, after: a ?? null });
      continue;
    }
    const mb = b === undefined ? null : maskedSecretValue(b);
    const ma = a === undefined ? null : maskedSecretValue(a);
    lines.push({
      path: `data.${key}`,
      before: mb,
      after: ma !== null && ma === mb ? `${ma}, different value` : ma,
    });
  }
  return lines;
}
