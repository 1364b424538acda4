/** A flat before → after diff of two JSON values, for the confirm dialog and the audit row. */
export type DiffLine = { path: string; before: unknown; after: unknown };

export function diffJson(before: unknown, after: unknown, path = ""): DiffLine[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => diffJson(before[k], after[k], path ? `${path}.${k}` : k));
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((b, i) => diffJson(b, after[i], `${path}[${i}]`));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path, before, after }];
}

/** "version: new → stable"; absent values read "(none)". */
export function formatDiffLine(line: DiffLine): string {
  return `${line.path}: ${show(line.before)} → ${show(line.after)}`;
}

function show(value: unknown): string {
  if (value === undefined || value === null) return "(none)";
  return typeof value === "string" ? value : JSON.stringify(value);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
