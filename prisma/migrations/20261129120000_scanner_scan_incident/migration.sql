-- A scan may be linked to an incident (opened from one of its rollback triggers, or a
-- back-to-passive rerun of a linked scan): its runs and triggers then land on that incident's
-- timeline as scanner_run events.
ALTER TABLE "scanner_scans" ADD COLUMN "incident_id" INTEGER;

-- CreateIndex
CREATE INDEX "scanner_scans_incident_id_idx" ON "scanner_scans"("incident_id");
