-- CreateEnum
CREATE TYPE "AlertStatus" AS ENUM ('firing', 'resolved');

-- CreateEnum
CREATE TYPE "AlertIncidentPolicy" AS ENUM ('record', 'attach', 'declare');

-- CreateTable
CREATE TABLE "alerts" (
    "id" SERIAL NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "status" "AlertStatus" NOT NULL,
    "alertname" TEXT NOT NULL,
    "labels" JSONB NOT NULL DEFAULT '{}',
    "annotations" JSONB NOT NULL DEFAULT '{}',
    "ends_at" TIMESTAMPTZ(3),
    "receiver" TEXT NOT NULL,
    "generator_url" TEXT,
    "service_name" TEXT,
    "metric" TEXT,
    "level" "Severity",
    "incident_id" INTEGER,
    "deliveries" INTEGER NOT NULL DEFAULT 1,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alerts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_policies" (
    "service_id" INTEGER NOT NULL,
    "policy" "AlertIncidentPolicy" NOT NULL DEFAULT 'attach',
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_policies_pkey" PRIMARY KEY ("service_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "alerts_fingerprint_starts_at_key" ON "alerts"("fingerprint", "starts_at");

-- CreateIndex
CREATE INDEX "alerts_status_updated_at_idx" ON "alerts"("status", "updated_at");

-- AddForeignKey (hand-written: the models keep plain ids so the incidents and services schemas stay untouched)
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_policies" ADD CONSTRAINT "alert_policies_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;
