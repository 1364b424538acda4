/** Display of chart values and times; "no data" for gaps, never zero. */
export function formatValue(v: number | null | undefined, unit: string): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "no data";
  const abs = Math.abs(v);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  const text = String(Number(v.toFixed(digits)));
  if (unit === "ratio" || unit === "") return text;
  return unit === "%" ? `${text} %` : `${text} ${unit}`;
}

/** Axis tick text: clock time for short windows, date + time beyond a day. */
export function formatTick(t: number, spanMs: number): string {
  const d = new Date(t);
  const hh = String(d.getHours()).padStart(2, "0");
  const mm = String(d.getMinutes()).padStart(2, "0");
  if (spanMs <= 24 * 3_600_000) return `${hh}:${mm}`;
  return `${d.getMonth() + 1}/${d.getDate()} ${hh}:${mm}`;
}

export function formatTimestamp(t: number): string {
  return new Date(t).toISOString().replace("T", " ").slice(0, 19) + " UTC";
}
