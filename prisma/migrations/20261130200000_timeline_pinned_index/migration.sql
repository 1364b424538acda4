-- The timeline's "Pinned" filter: an incident's pinned events newest first from their own small
-- index, instead of a scan of every event of every incident (partial: Prisma's schema cannot
-- describe it, like timeline_events_auto_declare_key_key).
-- CreateIndex
CREATE INDEX "timeline_events_incident_id_id_pinned_idx" ON "timeline_events"("incident_id", "id") WHERE "pinned";
