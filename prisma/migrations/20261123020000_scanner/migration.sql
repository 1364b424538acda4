-- CreateTable
CREATE TABLE "scanner_runs" (
    "id" SERIAL NOT NULL,
    "generated_at" TIMESTAMPTZ(3) NOT NULL,
    "generated_at_raw" TEXT NOT NULL,
    "elapsed_ms" BIGINT NOT NULL,
    "scanner_version" TEXT NOT NULL,
    "scanned" INTEGER NOT NULL,
    "skipped" INTEGER NOT NULL,
    "errors" INTEGER NOT NULL,
    "http_requests" BIGINT NOT NULL,
    "http_retries" BIGINT NOT NULL,
    "scanner_findings" JSONB NOT NULL,
    "scanner_errors" JSONB NOT NULL,
    "error_url_count" INTEGER NOT NULL,
    "findings_total" INTEGER NOT NULL,
    "critical" INTEGER NOT NULL,
    "high" INTEGER NOT NULL,
    "medium" INTEGER NOT NULL,
    "low" INTEGER NOT NULL,
    "info" INTEGER NOT NULL,
    "findings" JSONB NOT NULL DEFAULT '[]',
    "error_records" JSONB NOT NULL DEFAULT '[]',
    "findings_truncated" BOOLEAN NOT NULL DEFAULT false,
    "source_format" TEXT NOT NULL,
    "source_kind" TEXT NOT NULL,
    "source_name" TEXT NOT NULL,
    "report_sha256" TEXT NOT NULL,
    "raw_report" TEXT,
    "uploaded_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "scanner_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "scanner_runs_report_sha256_key" ON "scanner_runs"("report_sha256");

-- CreateIndex
CREATE INDEX "scanner_runs_generated_at_idx" ON "scanner_runs"("generated_at");
