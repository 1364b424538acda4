import { sparklinePath } from "@/lib/dashboards/sparkline-path";
import type { SeriesPoint } from "@/lib/dashboards/table-rows";

/** A tiny trend line (plain SVG, no client JS). Gaps stay gaps; no data at all reads "no data". */
export function Sparkline({
  points,
  label,
  width = 120,
  height = 28,
}: {
  points: SeriesPoint[];
  label: string;
  width?: number;
  height?: number;
}) {
  const d = sparklinePath(points, width, height);
  if (!d) {
    return (
      <span
        className="inline-flex items-center text-xs text-zinc-500"
        style={{ width, height }}
        aria-label={`${label}: no data`}
      >
        no data
      </span>
    );
  }
  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`${label} trend`}
    >
      <path
        d={d}
        fill="none"
        stroke="var(--color-series-1, #3b82f6)"
        strokeWidth={1.5}
        strokeLinejoin="round"
        strokeLinecap="round"
      />
    </svg>
  );
}
