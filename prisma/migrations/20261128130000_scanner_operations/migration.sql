-- CreateTable
CREATE TABLE "scanner_targets" (
    "id" SERIAL NOT NULL,
    "environment" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "added_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "scanner_targets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scanner_authorizations" (
    "id" SERIAL NOT NULL,
    "environment" TEXT NOT NULL,
    "authorized_by" TEXT NOT NULL,
    "document_url" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "scanner_authorizations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scanner_scans" (
    "id" SERIAL NOT NULL,
    "environment" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "target_urls" JSONB NOT NULL,
    "subset_seed" TEXT,
    "subset_fraction" DOUBLE PRECISION,
    "authorization_id" INTEGER,
    "argv" JSONB,
    "requested_by" TEXT NOT NULL,
    "wall_clock_seconds" INTEGER NOT NULL,
    "cancel_requested" BOOLEAN NOT NULL DEFAULT false,
    "urls_done" INTEGER NOT NULL DEFAULT 0,
    "urls_total" INTEGER,
    "findings_so_far" INTEGER NOT NULL DEFAULT 0,
    "high_so_far" INTEGER NOT NULL DEFAULT 0,
    "progress_at" TIMESTAMPTZ(3),
    "reason" TEXT,
    "stderr_tail" TEXT,
    "scanner_run_id" INTEGER,
    "new_high_critical" INTEGER,
    "operator_reports" INTEGER NOT NULL DEFAULT 0,
    "triggers" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "scanner_scans_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scanner_triage" (
    "id" SERIAL NOT NULL,
    "environment" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "check" TEXT NOT NULL,
    "verdict" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "triaged_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "scanner_triage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "scanner_targets_environment_url_key" ON "scanner_targets"("environment", "url");

-- CreateIndex
CREATE INDEX "scanner_authorizations_environment_expires_at_idx" ON "scanner_authorizations"("environment", "expires_at");

-- CreateIndex
CREATE INDEX "scanner_scans_environment_id_idx" ON "scanner_scans"("environment", "id");

-- CreateIndex
CREATE UNIQUE INDEX "scanner_triage_environment_url_check_key" ON "scanner_triage"("environment", "url", "check");

-- Values checked by the database (runbook 000 · Canary Rollout Strategy stages; scan outcomes).
ALTER TABLE "scanner_scans" ADD CONSTRAINT "scanner_scans_stage_check" CHECK ("stage" IN ('passive', 'canary1', 'canary2', 'full', 'back-to-passive'));
ALTER TABLE "scanner_scans" ADD CONSTRAINT "scanner_scans_format_check" CHECK ("format" IN ('pretty', 'ndjson-stream'));
ALTER TABLE "scanner_scans" ADD CONSTRAINT "scanner_scans_status_check" CHECK ("status" IN ('queued', 'running', 'completed', 'failed', 'nothing_scanned', 'timed_out', 'cancelled'));
ALTER TABLE "scanner_triage" ADD CONSTRAINT "scanner_triage_verdict_check" CHECK ("verdict" IN ('false_positive', 'accepted_risk', 'fixed'));
