/** Chart colours are CSS variables from app/globals.css @theme (fallbacks keep a line visible
 * if a variable is ever missing from the stylesheet). */
export const CHART_COLORS = {
  series: "var(--color-series-1, #3b82f6)",
  warning: "var(--color-threshold-warning, #eab308)",
  critical: "var(--color-threshold-critical, #dc2626)",
  incident: "var(--color-marker-incident, #e11d48)",
  action: "var(--color-marker-action, #a855f7)",
  sev: "var(--color-marker-sev, #71717a)",
} as const;

export const MARKER_COLORS = {
  incident_start: CHART_COLORS.incident,
  incident_end: CHART_COLORS.incident,
  action: CHART_COLORS.action,
  sev_change: CHART_COLORS.sev,
} as const;
