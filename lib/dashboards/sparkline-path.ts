import { isolatedIndices, type SeriesPoint } from "./table-rows";

/** SVG path of a sparkline: one "M…L…" run per stretch of data, so gaps stay gaps; a lone
 * sample is a dot ("l0 0" with round caps).
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
  const isolated = isolatedIndices(points);
  const parts: string[] = [];
  let drawing = false;
  points.forEach((p, i) => {
    if (p.v === null) {
      drawing = false;
      return;
    }
    // A lone sample becomes a zero-length stroke, drawn as a dot with round line caps.
    parts.push(`${drawing ? "L" : "M"}${round(x(p.t))} ${round(y(p.v))}${isolated.has(i) ? " l0 0" : ""}`);
    drawing = true;
  });
  return parts.join(" ");
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
