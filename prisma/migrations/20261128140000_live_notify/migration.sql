-- Live updates across processes: every change a viewer of an incident should see sends a small
-- NOTIFY on the "firebreak_live" channel. Postgres delivers it when (and only if) the writing
-- transaction commits, to every listening connection, whichever process it belongs to; each
-- process fans it out to its Server-Sent Events subscribers (lib/live/). The payload names what
-- changed, never its content: viewers read the change through the usual authorized reads.
--   {"i": incident id, "t": "timeline" | "incident" | "action" | "playbook", "e": row id, "k": kind}
CREATE OR REPLACE FUNCTION "firebreak_live_notify"() RETURNS trigger AS $$
DECLARE
  incident integer;
  kind text := NULL;
  topic text := TG_ARGV[0];
BEGIN
  IF topic = 'timeline' THEN
    incident := NEW.incident_id;
    kind := NEW.kind::text;
  ELSIF topic = 'incident' THEN
    incident := NEW.id;
  ELSIF topic = 'action' THEN
    incident := NEW.incident_id;
  ELSIF topic = 'playbook' THEN
    SELECT r.incident_id INTO incident FROM "playbook_runs" r WHERE r.id = NEW.run_id;
  END IF;
  IF incident IS NOT NULL THEN
    PERFORM pg_notify('firebreak_live',
      json_build_object('i', incident, 't', topic, 'e', NEW.id, 'k', kind)::text);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "timeline_events_live_notify" AFTER INSERT ON "timeline_events"
  FOR EACH ROW EXECUTE FUNCTION "firebreak_live_notify"('timeline');

CREATE TRIGGER "incidents_live_notify" AFTER UPDATE ON "incidents"
  FOR EACH ROW EXECUTE FUNCTION "firebreak_live_notify"('incident');

CREATE TRIGGER "action_runs_live_notify" AFTER INSERT OR UPDATE ON "action_runs"
  FOR EACH ROW EXECUTE FUNCTION "firebreak_live_notify"('action');

CREATE TRIGGER "playbook_step_runs_live_notify" AFTER INSERT OR UPDATE ON "playbook_step_runs"
  FOR EACH ROW EXECUTE FUNCTION "firebreak_live_notify"('playbook');
