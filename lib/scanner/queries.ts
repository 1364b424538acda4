import "server-only";

import { getDb } from "@/lib/db/client";
import type { ScannerRun } from "@/lib/generated/prisma/client";

import { computeScannerMetrics, type ScannerLevel } from "./metrics";
import type { RawErrorRecord, RawFinding, ReportSeverity } from "./report-schema";

export type ScannerRunSummary = {
  id: number;
  generatedAt: Date;
  scanned: number;
  skipped: number;
  errors: number;
  httpRequests: number;
  httpRetries: number;
  retryRatio: number | null;
  errorPressure: number | null;
  scannerErrorRatio: number | null;
  level: ScannerLevel | null;
  reasons: string[];
  errorUrlCount: number;
  scannerErrorTotal: number;
  impactedScanners: string[];
  severityCounts: Record<ReportSeverity, number>;
  findingsTotal: number;
  elapsedMs: number;
  scannerVersion: string;
  sourceFormat: string;
  sourceKind: string;
  sourceName: string;
  uploadedBy: string;
  createdAt: Date;
};

export type ScannerRunDetail = ScannerRunSummary & {
  perScanner: Array<{ scanner: string; findings: number; errors: number }>;
  findings: RawFinding[];
  errorRecords: RawErrorRecord[];
  findingsTruncated: boolean;
};

const SUMMARY_OMIT = { findings: true, errorRecords: true, rawReport: true } as const;

/** Runs whose report was generated in [from, to], newest first. */
export async function listScannerRuns(opts: {
  from: Date;
  to: Date;
  limit?: number;
}): Promise<ScannerRunSummary[]> {
  const rows = await getDb().scannerRun.findMany({
    where: { generatedAt: { gte: opts.from, lte: opts.to } },
    orderBy: [{ generatedAt: "desc" }, { id: "desc" }],
    take: opts.limit ?? 200,
    omit: SUMMARY_OMIT,
  });
  return rows.map((r) => toSummary(r).summary);
}

/** The newest runs whatever their report date (the scanner page's list). */
export function listRecentScannerRuns(limit = 100): Promise<ScannerRunSummary[]> {
  return listScannerRuns({
    from: new Date("0001-01-01T00:00:00Z"),
    to: new Date("9999-12-31T00:00:00Z"),
    limit,
  });
}

export async function getScannerRun(id: number): Promise<ScannerRunDetail | null> {
  const row = await getDb().scannerRun.findUnique({ where: { id }, omit: { rawReport: true } });
  if (!row) return null;
  const { summary, perScanner } = toSummary(row);
  return {
    ...summary,
    perScanner,
    findings: row.findings as RawFinding[],
    errorRecords: row.errorRecords as RawErrorRecord[],
    findingsTruncated: row.findingsTruncated,
  };
}

type Row = Omit<ScannerRun, "findings" | "errorRecords" | "rawReport">;

function counts(v: unknown): Record<string, number> {
  return (v && typeof v === "object" ? v : {}) as Record<string, number>;
}

function toSummary(r: Row) {
  const m = computeScannerMetrics({
    scanned: r.scanned,
    httpRequests: Number(r.httpRequests),
    httpRetries: Number(r.httpRetries),
    distinctErrorUrls: r.errorUrlCount,
    scannerFindings: counts(r.scannerFindings),
    scannerErrors: counts(r.scannerErrors),
  });
  const summary: ScannerRunSummary = {
    id: r.id,
    generatedAt: r.generatedAt,
    scanned: r.scanned,
    skipped: r.skipped,
    errors: r.errors,
    httpRequests: Number(r.httpRequests),
    httpRetries: Number(r.httpRetries),
    retryRatio: m.retryRatio,
    errorPressure: m.errorPressure,
    scannerErrorRatio: m.scannerErrorRatio,
    level: m.level,
    reasons: m.reasons,
    errorUrlCount: r.errorUrlCount,
    scannerErrorTotal: m.scannerErrorTotal,
    impactedScanners: m.impactedScanners,
    severityCounts: { CRITICAL: r.critical, HIGH: r.high, MEDIUM: r.medium, LOW: r.low, INFO: r.info },
    findingsTotal: r.findingsTotal,
    elapsedMs: Number(r.elapsedMs),
    scannerVersion: r.scannerVersion,
    sourceFormat: r.sourceFormat,
    sourceKind: r.sourceKind,
    sourceName: r.sourceName,
    uploadedBy: r.uploadedBy,
    createdAt: r.createdAt,
  };
  return { summary, perScanner: m.perScanner };
}
