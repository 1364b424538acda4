"use client";

import { useState } from "react";
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

import { formatTick, formatTimestamp, formatValue } from "@/lib/dashboards/format";
import type { Marker } from "@/lib/dashboards/markers";
import type { ScanWindow } from "@/lib/dashboards/scan-windows";
import { isolatedIndices, type SeriesPoint } from "@/lib/dashboards/table-rows";
import type { ThresholdLine } from "@/lib/dashboards/thresholds";

import { CHART_COLORS, MARKER_COLORS } from "./colors";
import { SeriesTable } from "./series-table";

export type MetricChartProps = {
  id: string;
  title: string;
  unit: string;
  points: SeriesPoint[];
  thresholds: ThresholdLine[];
  markers: Marker[];
  from: number;
  to: number;
  note?: string;
  /** ApiHunter scan windows, shaded behind the series. */
  windows?: ScanWindow[];
};

/** One metric over time with its warning/critical lines, incident/action/SEV markers on the
 * time axis, gaps drawn as gaps, and the same numbers as a table on demand. */
export function MetricChart({
  id,
  title,
  unit,
  points,
  thresholds,
  markers,
  from,
  to,
  note,
  windows = [],
}: MetricChartProps) {
  const [asTable, setAsTable] = useState(false);
  const span = to - from;
  const hasData = points.some((p) => p.v !== null);
  const maxValue = Math.max(0, ...points.map((p) => p.v ?? 0), ...thresholds.map((t) => t.value));
  const yMax = unit === "%" ? Math.min(100, Math.ceil(maxValue * 1.1)) : Math.ceil(maxValue * 1.1);
  const isolated = isolatedIndices(points);
  return (
    <section
      aria-labelledby={`chart-${id}`}
      className="rounded border border-zinc-200 p-3 dark:border-zinc-800"
    >
      <div className="mb-2 flex items-center justify-between gap-2">
        <h3 id={`chart-${id}`} className="text-sm font-medium">
          {title} <span className="text-zinc-500">({unit})</span>
        </h3>
        <button
          type="button"
          onClick={() => setAsTable((v) => !v)}
          aria-pressed={asTable}
          className="rounded border border-zinc-300 px-2 py-0.5 text-xs hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-900"
        >
          {asTable ? "Show chart" : "Show table"}
        </button>
      </div>
      {note ? <p className="mb-2 text-xs text-zinc-500">{note}</p> : null}
      {asTable ? (
        <SeriesTable title={title} unit={unit} points={points} />
      ) : (
        <div className="relative h-56" data-testid={`chart-${id}`}>
          {!hasData ? (
            <p className="absolute inset-0 z-10 flex items-center justify-center text-sm text-zinc-500">
              no data in this range
            </p>
          ) : null}
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={points} margin={{ top: 8, right: 16, bottom: 4, left: 4 }}>
              <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.2} />
              <XAxis
                dataKey="t"
                type="number"
                scale="time"
                domain={[from, to]}
                tickFormatter={(t: number) => formatTick(t, span)}
                fontSize={11}
              />
              <YAxis
                domain={[0, yMax || 1]}
                tickFormatter={(v: number) => formatValue(v, "")}
                label={{ value: unit, angle: -90, position: "insideLeft", fontSize: 11 }}
                fontSize={11}
                width={48}
              />
              <Tooltip
                labelFormatter={(t) => formatTimestamp(Number(t))}
                formatter={(v) => [formatValue(typeof v === "number" ? v : null, unit), title]}
              />
              {windows.map((w) => (
                <ReferenceArea
                  key={`scan-${w.scanId}`}
                  x1={w.from}
                  x2={w.to}
                  fill={w.active ? CHART_COLORS.warning : CHART_COLORS.series}
                  fillOpacity={w.active ? 0.15 : 0.08}
                  ifOverflow="hidden"
                  label={{ value: w.label, position: "insideBottomLeft", fontSize: 9 }}
                />
              ))}
              {thresholds.map((t) => (
                <ReferenceLine
                  key={t.kind}
                  y={t.value}
                  stroke={t.kind === "critical" ? CHART_COLORS.critical : CHART_COLORS.warning}
                  strokeDasharray="6 3"
                  label={{ value: t.label, position: "insideTopRight", fontSize: 10 }}
                />
              ))}
              {markers.map((m, i) => (
                <ReferenceLine
                  key={`${m.kind}-${m.t}-${i}`}
                  x={m.t}
                  stroke={MARKER_COLORS[m.kind]}
                  strokeDasharray={m.kind === "sev_change" ? "2 3" : undefined}
                  label={{ value: m.label, position: "insideTopLeft", fontSize: 9, angle: -90 }}
                />
              ))}
              <Line
                type="linear"
                dataKey="v"
                name={title}
                stroke={CHART_COLORS.series}
                dot={(props: { index?: number; cx?: number; cy?: number }) =>
                  props.index !== undefined &&
                  isolated.has(props.index) &&
                  props.cx !== undefined &&
                  props.cy !== undefined ? (
                    <circle
                      key={props.index}
                      cx={props.cx}
                      cy={props.cy}
                      r={2.5}
                      fill={CHART_COLORS.series}
                    />
                  ) : (
                    <g key={props.index} />
                  )
                }
                strokeWidth={1.75}
                connectNulls={false}
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
      {thresholds.length > 0 ? (
        <p className="mt-1 text-xs text-zinc-500">{thresholds.map((t) => t.label).join(" · ")}</p>
      ) : null}
      {windows.length > 0 ? (
        <ul
          aria-label={`${title} scan windows`}
          className="mt-1 flex flex-wrap gap-x-3 text-xs text-zinc-500"
        >
          {windows.map((w) => (
            <li key={w.scanId} data-scan-window={w.scanId}>
              ▒ {formatTick(w.from, span)}–{formatTick(w.to, span)} {w.label}
            </li>
          ))}
        </ul>
      ) : null}
      {markers.length > 0 ? (
        <ul aria-label={`${title} markers`} className="mt-1 flex flex-wrap gap-x-3 text-xs text-zinc-500">
          {markers.map((m, i) => (
            <li key={`${m.kind}-${m.t}-${i}`}>
              <span style={{ color: MARKER_COLORS[m.kind] }}>▍</span>
              {formatTick(m.t, span)} {m.label}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
