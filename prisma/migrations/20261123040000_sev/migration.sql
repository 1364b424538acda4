-- CreateTable
CREATE TABLE "service_sev_states" (
    "service_id" INTEGER NOT NULL,
    "level" "Severity",
    "candidate" "Severity",
    "raise_count" INTEGER NOT NULL DEFAULT 0,
    "clear_count" INTEGER NOT NULL DEFAULT 0,
    "state" JSONB NOT NULL DEFAULT '{}',
    "reasons" JSONB NOT NULL DEFAULT '[]',
    "snapshot" JSONB NOT NULL DEFAULT '{}',
    "evaluated_at" TIMESTAMPTZ(3) NOT NULL,
    "changed_at" TIMESTAMPTZ(3),

    CONSTRAINT "service_sev_states_pkey" PRIMARY KEY ("service_id")
);

-- CreateTable
CREATE TABLE "service_sev_changes" (
    "id" SERIAL NOT NULL,
    "service_id" INTEGER NOT NULL,
    "from_level" "Severity",
    "to_level" "Severity",
    "reasons" JSONB NOT NULL DEFAULT '[]',
    "snapshot" JSONB NOT NULL DEFAULT '{}',
    "changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "service_sev_changes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "service_sev_changes_service_id_changed_at_idx" ON "service_sev_changes"("service_id", "changed_at");

-- AddForeignKey (hand-written: the models keep a plain service_id so services.prisma stays untouched)
ALTER TABLE "service_sev_states" ADD CONSTRAINT "service_sev_states_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service_sev_changes" ADD CONSTRAINT "service_sev_changes_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;
