-- CreateTable
CREATE TABLE "playbook_runs" (
    "id" SERIAL NOT NULL,
    "incident_id" INTEGER NOT NULL,
    "playbook_id" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "playbook" JSONB NOT NULL,
    "started_by" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "declared_at" TIMESTAMPTZ(3) NOT NULL,
    "ended_at" TIMESTAMPTZ(3),

    CONSTRAINT "playbook_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "playbook_step_runs" (
    "id" SERIAL NOT NULL,
    "run_id" INTEGER NOT NULL,
    "step_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "actor" TEXT,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "outcome" TEXT,
    "result" JSONB NOT NULL DEFAULT '{}',
    "event_id" INTEGER,

    CONSTRAINT "playbook_step_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "playbook_runs_incident_id_idx" ON "playbook_runs"("incident_id");

-- CreateIndex
CREATE UNIQUE INDEX "playbook_step_runs_run_id_step_id_key" ON "playbook_step_runs"("run_id", "step_id");

-- CreateIndex (hand-written: one active run of a playbook per incident, so starting it twice at once starts it once)
CREATE UNIQUE INDEX "playbook_runs_one_active_key" ON "playbook_runs"("incident_id", "playbook_id") WHERE "status" = 'active';

-- AddForeignKey
ALTER TABLE "playbook_step_runs" ADD CONSTRAINT "playbook_step_runs_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "playbook_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey (hand-written: the model keeps a plain incident_id so incidents.prisma stays untouched)
ALTER TABLE "playbook_runs" ADD CONSTRAINT "playbook_runs_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateCheck (hand-written)
ALTER TABLE "playbook_step_runs" ADD CONSTRAINT "playbook_step_runs_state_check" CHECK ("state" IN ('pending', 'running', 'done', 'skipped', 'failed'));
