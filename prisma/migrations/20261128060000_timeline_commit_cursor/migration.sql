-- AlterTable
-- The inserting transaction's id (64-bit, never wraps). The live timeline reads by it together
-- with the reader's snapshot, so an event whose transaction commits after a later-numbered one
-- is still delivered (ids are assigned at insert, not at commit).
ALTER TABLE "timeline_events" ADD COLUMN "tx_id" xid8 NOT NULL DEFAULT pg_current_xact_id();

-- CreateIndex
CREATE INDEX "timeline_events_incident_id_tx_id_id_idx" ON "timeline_events"("incident_id", "tx_id", "id");

-- The append-only rule covers the new column too: only pinning may change.
CREATE OR REPLACE FUNCTION "timeline_events_append_only"() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'timeline_events is append-only: DELETE refused' USING ERRCODE = 'P0001';
  END IF;
  IF NEW.id IS DISTINCT FROM OLD.id OR NEW.incident_id IS DISTINCT FROM OLD.incident_id
     OR NEW.kind IS DISTINCT FROM OLD.kind OR NEW.actor IS DISTINCT FROM OLD.actor
     OR NEW.occurred_at IS DISTINCT FROM OLD.occurred_at OR NEW.body IS DISTINCT FROM OLD.body
     OR NEW.data IS DISTINCT FROM OLD.data OR NEW.tx_id IS DISTINCT FROM OLD.tx_id THEN
    RAISE EXCEPTION 'timeline_events is append-only: only pinning may change' USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
