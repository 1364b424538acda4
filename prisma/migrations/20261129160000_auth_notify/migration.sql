-- Session revocation across processes: when a session ends (sign-out, "end sessions", expiry
-- clean-up) or what a person may do changes (role override, groups, break-glass, name), a small
-- NOTIFY on the "firebreak_auth" channel names the person, on commit. Every Firebreak process
-- listens (lib/live/) and drops that person from its short-lived session cache at once, so a
-- revocation made on one replica holds on all of them without waiting for the cache's TTL.
--   {"u": auth_user id}
CREATE OR REPLACE FUNCTION "firebreak_auth_notify"() RETURNS trigger AS $$
BEGIN
  IF TG_TABLE_NAME = 'auth_session' THEN
    PERFORM pg_notify('firebreak_auth', json_build_object('u', OLD."userId")::text);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('firebreak_auth', json_build_object('u', OLD.id)::text);
  ELSE
    PERFORM pg_notify('firebreak_auth', json_build_object('u', NEW.id)::text);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "auth_session_revoked_notify" AFTER DELETE ON "auth_session"
  FOR EACH ROW EXECUTE FUNCTION "firebreak_auth_notify"();

CREATE TRIGGER "auth_user_changed_notify" AFTER UPDATE ON "auth_user"
  FOR EACH ROW
  WHEN (OLD."roleOverride" IS DISTINCT FROM NEW."roleOverride"
     OR OLD."groups" IS DISTINCT FROM NEW."groups"
     OR OLD."breakGlass" IS DISTINCT FROM NEW."breakGlass"
     OR OLD."name" IS DISTINCT FROM NEW."name")
  EXECUTE FUNCTION "firebreak_auth_notify"();

CREATE TRIGGER "auth_user_deleted_notify" AFTER DELETE ON "auth_user"
  FOR EACH ROW EXECUTE FUNCTION "firebreak_auth_notify"();
