import "server-only";
import { createHash } from "node:crypto";

import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

import { readReportFile } from "./ingest-path";
import { MAX_REPORT_BYTES_LIMIT } from "./limits";
import { numbersFromReport } from "./metrics";
import { parseScannerReport } from "./report";

export const MAX_REPORT_BYTES = MAX_REPORT_BYTES_LIMIT;
/** The report text is kept with the run when at most this big (re-parsing later). */
export const RAW_KEEP_BYTES = 1024 * 1024;
/** Findings and error records kept per run for the detail view; counts are always kept. */
export const MAX_STORED_RECORDS = 2_000;

export type IngestSource = { kind: "upload" | "path" | "scan"; name: string };

/**
 * Parse → compute → store. An invalid report throws AppError INVALID_INPUT with the JSON path
 * of the first problem and nothing is written; the run is one INSERT, so it is stored whole
 * or not at all. The same report text twice is refused (CONFLICT) with the existing run's id.
 */
export async function ingestScannerReport(
  text: string,
  source: IngestSource,
  uploadedBy: string,
): Promise<{ id: number }> {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_REPORT_BYTES)
    throw new AppError("INVALID_INPUT", `The report is ${mb(bytes)}; the limit is ${mb(MAX_REPORT_BYTES)}.`);
  const parsed = parseScannerReport(text);
  if (!parsed.ok) throw new AppError("INVALID_INPUT", `Report refused, nothing stored: ${parsed.error}`);
  const report = parsed.report;
  const n = numbersFromReport(report);
  const sha = createHash("sha256").update(text).digest("hex");

  const db = getDb();
  const existing = await db.scannerRun.findUnique({ where: { reportSha256: sha }, select: { id: true } });
  if (existing) throw new AppError("CONFLICT", `This report was already ingested as run #${existing.id}.`);
  try {
    const run = await db.scannerRun.create({
      select: { id: true },
      data: {
        generatedAt: new Date(report.meta.generated_at),
        generatedAtRaw: report.meta.generated_at,
        elapsedMs: BigInt(report.meta.elapsed_ms),
        scannerVersion: report.meta.scanner_ver,
        scanned: report.meta.scanned,
        skipped: report.meta.skipped,
        errors: report.summary.errors,
        httpRequests: BigInt(n.httpRequests),
        httpRetries: BigInt(n.httpRetries),
        scannerFindings: n.scannerFindings,
        scannerErrors: n.scannerErrors,
        errorUrlCount: n.distinctErrorUrls,
        findingsTotal: report.summary.total,
        critical: report.summary.critical,
        high: report.summary.high,
        medium: report.summary.medium,
        low: report.summary.low,
        info: report.summary.info,
        findings: report.findings.slice(0, MAX_STORED_RECORDS).map(toJson),
        errorRecords: report.errors.slice(0, MAX_STORED_RECORDS),
        findingsTruncated:
          report.findings.length > MAX_STORED_RECORDS || report.errors.length > MAX_STORED_RECORDS,
        sourceFormat: report.format,
        sourceKind: source.kind,
        sourceName: source.name.slice(0, 500),
        reportSha256: sha,
        rawReport: bytes <= RAW_KEEP_BYTES ? text : null,
        uploadedBy,
      },
    });
    return run;
  } catch (e) {
    if ((e as { code?: string })?.code === "P2002")
      throw new AppError("CONFLICT", "This report was already ingested.");
    throw e;
  }
}

/** Ingest a report already on the Firebreak server, from the report directory only
 * (SCANNER_REPORT_DIR; lib/scanner/ingest-path.ts says what is refused and why). */
export async function ingestScannerReportFile(path: string, uploadedBy: string): Promise<{ id: number }> {
  const text = await readReportFile(getEnv().SCANNER_REPORT_DIR, path, MAX_REPORT_BYTES);
  return ingestScannerReport(text, { kind: "path", name: path }, uploadedBy);
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A parsed finding as a JSON value (drops undefined optionals; `metadata` is already JSON). */
function toJson(o: object): Prisma.InputJsonObject {
  return JSON.parse(JSON.stringify(o)) as Prisma.InputJsonObject;
}
