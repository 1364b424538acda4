-- Optimizer operations as audited actions (runbook 001 · Weekly Maintenance, Backup and
-- Recovery, Performance Tuning).

-- CreateTable
CREATE TABLE "optimizer_operations" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "incident_id" INTEGER,
    "actor" TEXT NOT NULL,
    "request_id" TEXT NOT NULL,
    "outcome" TEXT NOT NULL DEFAULT 'pending',
    "summary" TEXT NOT NULL DEFAULT '',
    "params" JSONB NOT NULL DEFAULT '{}',
    "diff" JSONB NOT NULL DEFAULT '[]',
    "items" JSONB NOT NULL DEFAULT '[]',
    "error" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "duration_ms" INTEGER,

    CONSTRAINT "optimizer_operations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cache_snapshots" (
    "id" SERIAL NOT NULL,
    "service" TEXT NOT NULL,
    "operation_id" INTEGER NOT NULL,
    "taken_by" TEXT NOT NULL,
    "entry_count" INTEGER NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "checksum" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cache_snapshots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "config_backups" (
    "id" SERIAL NOT NULL,
    "service" TEXT NOT NULL,
    "operation_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "resource_version" TEXT NOT NULL,
    "keys" JSONB NOT NULL DEFAULT '[]',
    "size_bytes" INTEGER NOT NULL,
    "checksum" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "encrypted" BOOLEAN NOT NULL DEFAULT false,
    "taken_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "config_backups_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "optimizer_operations_request_id_key" ON "optimizer_operations"("request_id");

-- CreateIndex
CREATE INDEX "optimizer_operations_service_id_idx" ON "optimizer_operations"("service", "id");

-- CreateIndex
CREATE INDEX "cache_snapshots_service_id_idx" ON "cache_snapshots"("service", "id");

-- CreateIndex
CREATE INDEX "config_backups_service_kind_id_idx" ON "config_backups"("service", "kind", "id");

-- Notification channel secrets sealed at rest (lib/crypto). Rows written before this migration
-- hold their webhook URL and signing secret in plaintext (secrets_sealed = false); the app reads
-- such a row's plaintext once and writes it back sealed, then only ever reads it sealed.
ALTER TABLE "notification_channels" ADD COLUMN "secrets_sealed" BOOLEAN NOT NULL DEFAULT false;
