import { formatTimestamp, formatValue } from "./format";

export type SeriesPoint = { t: number; v: number | null };
export type TableRow = { t: number; time: string; value: string };

/** The same numbers as the chart, as table rows (newest first); gaps read "no data". */
export function tableRows(points: SeriesPoint[], unit: string): TableRow[] {
  return [...points]
    .sort((a, b) => b.t - a.t)
    .map((p) => ({ t: p.t, time: formatTimestamp(p.t), value: formatValue(p.v, unit) }));
}

/** Latest non-null value of a series, or null when the series holds no data. */
export function latestValue(points: SeriesPoint[]): number | null {
  for (let i = points.length - 1; i >= 0; i--) {
    const v = points[i]?.v;
    if (v !== null && v !== undefined) return v;
  }
  return null;
}

/** Indexes of values with no neighbour on either side: a line cannot show them, so charts
 * draw them as dots (a single sample between gaps must not vanish). */
export function isolatedIndices(points: SeriesPoint[]): Set<number> {
  const out = new Set<number>();
  points.forEach((p, i) => {
    if (p.v === null) return;
    const before = points[i - 1]?.v ?? null;
    const after = points[i + 1]?.v ?? null;
    if (before === null && after === null) out.add(i);
  });
  return out;
}
