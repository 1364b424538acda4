-- CreateEnum
CREATE TYPE "ActionKind" AS ENUM ('rollback', 'undo', 'scale', 'restart', 'containment');

-- CreateEnum
CREATE TYPE "ActionOutcome" AS ENUM ('pending', 'succeeded', 'failed');

-- CreateEnum
CREATE TYPE "ActionVerification" AS ENUM ('not_applicable', 'verifying', 'verified', 'not_verified');

-- CreateTable
CREATE TABLE "action_runs" (
    "id" SERIAL NOT NULL,
    "incident_id" INTEGER NOT NULL,
    "kind" "ActionKind" NOT NULL,
    "actor" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "target_kind" TEXT NOT NULL,
    "target_name" TEXT NOT NULL,
    "desired" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    "diff" JSONB NOT NULL DEFAULT '[]',
    "kubectl_command" TEXT NOT NULL,
    "outcome" "ActionOutcome" NOT NULL DEFAULT 'pending',
    "error" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "duration_ms" INTEGER,
    "verification" "ActionVerification" NOT NULL DEFAULT 'not_applicable',
    "verify_detail" TEXT,
    "verified_at" TIMESTAMPTZ(3),

    CONSTRAINT "action_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "action_runs_incident_id_id_idx" ON "action_runs"("incident_id", "id");

-- CreateIndex
CREATE INDEX "action_runs_kind_outcome_idx" ON "action_runs"("kind", "outcome");

-- CreateIndex
CREATE INDEX "action_runs_service_id_idx" ON "action_runs"("service", "id");

-- CreateIndex
CREATE INDEX "action_runs_idempotency_key_idx" ON "action_runs"("idempotency_key");

-- AddForeignKey
ALTER TABLE "action_runs" ADD CONSTRAINT "action_runs_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Idempotency (issue #4): at most one pending-or-succeeded run per key, so twenty concurrent
-- submissions of the same change insert one row and the rest find it. Failed runs do not
-- count, so a retry after a failure can proceed. Hand-written: Prisma has no partial indexes.
CREATE UNIQUE INDEX "action_runs_idempotency_key_live_key" ON "action_runs"("idempotency_key") WHERE "outcome" <> 'failed';
