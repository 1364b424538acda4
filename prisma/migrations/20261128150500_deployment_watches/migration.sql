-- A blue-green or emergency traffic switch is an action run too (runbook 001 · Deployment
-- Procedures); it may happen with no incident open, so an action run's incident is optional.
ALTER TYPE "ActionKind" ADD VALUE 'switch';

-- AlterTable
ALTER TABLE "action_runs" ALTER COLUMN "incident_id" DROP NOT NULL;

-- CreateTable
CREATE TABLE "deployment_watches" (
    "id" SERIAL NOT NULL,
    "service" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "to_value" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'watching',
    "started_by" TEXT NOT NULL,
    "incident_id" INTEGER,
    "switch_run_id" INTEGER,
    "rollback_run_id" INTEGER,
    "total_checks" INTEGER,
    "interval_ms" INTEGER NOT NULL,
    "pre_checks" JSONB NOT NULL DEFAULT '[]',
    "outcome" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ended_at" TIMESTAMPTZ(3),
    "ended_by" TEXT,

    CONSTRAINT "deployment_watches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deployment_watch_checks" (
    "id" SERIAL NOT NULL,
    "watch_id" INTEGER NOT NULL,
    "n" INTEGER NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "detail" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "deployment_watch_checks_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "deployment_watches_service_id_idx" ON "deployment_watches"("service", "id");

-- CreateIndex
CREATE UNIQUE INDEX "deployment_watch_checks_watch_id_n_key" ON "deployment_watch_checks"("watch_id", "n");

-- AddForeignKey
ALTER TABLE "deployment_watch_checks" ADD CONSTRAINT "deployment_watch_checks_watch_id_fkey" FOREIGN KEY ("watch_id") REFERENCES "deployment_watches"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One watch at a time per service (hand-written: Prisma's schema language has no partial indexes).
CREATE UNIQUE INDEX "deployment_watches_one_watching_per_service" ON "deployment_watches"("service") WHERE "state" = 'watching';
