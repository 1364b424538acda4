-- An auto-declared incident's first metric_breach event carries the SEV transition it was
-- declared for ("autoDeclareKey": service + service_sev_changes id). Unique, so retries of a
-- failed auto-declare (a durable job) declare each transition exactly once.
-- CreateIndex
CREATE UNIQUE INDEX "timeline_events_auto_declare_key_key" ON "timeline_events"(("data"->>'autoDeclareKey')) WHERE "data" ? 'autoDeclareKey';
