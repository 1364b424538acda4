-- A watched service's upstream dependency health URL (runbook 001 · High Error Rate Alert,
-- "5. Check upstream dependencies"): optional, read by the playbooks' upstream check.
-- AlterTable
ALTER TABLE "services" ADD COLUMN "upstream_health_url" TEXT;
