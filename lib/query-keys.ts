/**
 * TanStack Query keys for live data read by client components, built by factories so a reader
 * and an invalidation always name the same key. Incident keys live in lib/incidents/query-keys.ts.
 */
export const metricKeys = {
  all: ["metrics"] as const,
  overview: () => [...metricKeys.all, "overview"] as const,
  series: (service: string, panel: string, range: string) =>
    [...metricKeys.all, "series", service, panel, range] as const,
};

export const actionKeys = {
  all: ["actions"] as const,
  run: (runId: number) => [...actionKeys.all, "run", runId] as const,
  preview: (query: string) => [...actionKeys.all, "preview", query] as const,
  rolloutHistory: (incidentId: number) => [...actionKeys.all, "rollout-history", incidentId] as const,
};
