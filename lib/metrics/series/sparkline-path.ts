import type { SeriesPoint } from "./table-rows";

/** SVG path of a sparkline: one "M…L…" run per stretch of data, so gaps stay gaps.
 * Returns "" when there is no data at all. */
export function sparklinePath(points: SeriesPoint[], width: number, height: number, pad = 2): string {
  const data = points.filter((p) => p.v !== null);
  if (data.length === 0) return "";
  const ts = points.map((p) => p.t);
  const vs = data.map((p) => p.v as number);
  const t0 = Math.min(...ts);
  const t1 = Math.max(...ts);
  let v0 = Math.min(...vs);
  let v1 = Math.max(...vs);
  if (v0 === v1) {
    v0 -= 1;
    v1 += 1;
  }
  const x = (t: number) => (t1 === t0 ? width / 2 : pad + ((t - t0) / (t1 - t0)) * (width - 2 * pad));
  const y = (v: number) => height - pad - ((v - v0) / (v1 - v0)) * (height - 2 * pad);
  const parts: string[] = [];
  let drawing = false;
  for (const p of points) {
    if (p.v === null) {
      drawing = false;
      continue;
    }
    parts.push(`${drawing ? "L" : "M"}${round(x(p.t))} ${round(y(p.v))}`);
    drawing = true;
  }
  return parts.join(" ");
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
