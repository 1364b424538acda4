"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

import { CHART_COLORS } from "./charts/colors";

export type MttaBar = { label: string; mttaMinutes: number | null; targetMinutes: number };

/** Mean time to acknowledge per SEV beside its response target (runbook 001 · Severity Levels),
 * in minutes. The table next to it carries the same numbers for screen readers. */
export function ReportMttaChart({ bars }: { bars: MttaBar[] }) {
  return (
    <figure aria-label="MTTA per SEV against the response target" className="h-64 w-full max-w-xl">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={bars} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
          <XAxis dataKey="label" fontSize={12} />
          <YAxis fontSize={12} unit=" min" width={60} />
          <Tooltip formatter={(v) => (typeof v === "number" ? `${v.toFixed(1)} min` : "—")} />
          <Legend />
          <Bar dataKey="mttaMinutes" name="MTTA" fill={CHART_COLORS.series} />
          <Bar
            dataKey="targetMinutes"
            name="Response target"
            fill={CHART_COLORS.critical}
            fillOpacity={0.4}
          />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
