/**
 * Scan windows on a service's charts: when ApiHunter was scanning, drawn as shaded areas behind
 * latency and error series, so "is the scanner hurting production?" is answered at a glance.
 * Pure: each scan's [start, end] clipped to the chart's range (a running scan ends "now").
 */
export type ScanWindow = { from: number; to: number; label: string; active: boolean; scanId: number };

export type WindowScan = {
  id: number;
  environment: string;
  stage: string;
  startedAt: Date | null;
  finishedAt: Date | null;
};

const STAGE: Record<string, string> = {
  passive: "stage 0",
  canary1: "stage 1",
  canary2: "stage 2",
  full: "stage 3",
  "back-to-passive": "back to passive",
};

export function scanWindows(
  scans: readonly WindowScan[],
  from: number,
  to: number,
  now: number,
): ScanWindow[] {
  const out: ScanWindow[] = [];
  for (const s of scans) {
    if (!s.startedAt) continue;
    const start = s.startedAt.getTime();
    const end = s.finishedAt?.getTime() ?? now;
    if (end < from || start > to) continue;
    out.push({
      from: Math.max(start, from),
      to: Math.min(Math.max(end, start), to),
      label: `scan #${s.id} ${STAGE[s.stage] ?? s.stage} (${s.environment})`,
      active: s.stage === "canary1" || s.stage === "canary2" || s.stage === "full",
      scanId: s.id,
    });
  }
  return out.sort((a, b) => a.from - b.from || a.scanId - b.scanId);
}
