-- CreateEnum
CREATE TYPE "Severity" AS ENUM ('SEV0', 'SEV1', 'SEV2', 'SEV3');

-- CreateEnum
CREATE TYPE "IncidentStatus" AS ENUM ('declared', 'investigating', 'mitigated', 'resolved', 'closed');

-- CreateEnum
CREATE TYPE "IncidentRole" AS ENUM ('incident_commander', 'technical_lead', 'operations', 'security');

-- CreateEnum
CREATE TYPE "TimelineEventKind" AS ENUM ('note', 'status_change', 'severity_change', 'role_change', 'action', 'metric_breach', 'scanner_run', 'playbook_step');

-- CreateEnum
CREATE TYPE "RatioUnit" AS ENUM ('percent', 'fraction');

-- CreateEnum
CREATE TYPE "MetricsSourceKind" AS ENUM ('optimizer', 'prometheus');

-- CreateTable
CREATE TABLE "incidents" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "severity" "Severity" NOT NULL,
    "status" "IncidentStatus" NOT NULL DEFAULT 'declared',
    "service" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "declared_by" TEXT NOT NULL,
    "declared_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "investigating_at" TIMESTAMPTZ(3),
    "mitigated_at" TIMESTAMPTZ(3),
    "resolved_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "incidents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "incident_roles" (
    "incident_id" INTEGER NOT NULL,
    "role" "IncidentRole" NOT NULL,
    "person" TEXT NOT NULL,
    "assigned_by" TEXT NOT NULL,
    "assigned_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "incident_roles_pkey" PRIMARY KEY ("incident_id","role")
);

-- CreateTable
CREATE TABLE "timeline_events" (
    "id" SERIAL NOT NULL,
    "incident_id" INTEGER NOT NULL,
    "kind" "TimelineEventKind" NOT NULL,
    "actor" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "body" TEXT NOT NULL DEFAULT '',
    "data" JSONB NOT NULL DEFAULT '{}',
    "pinned" BOOLEAN NOT NULL DEFAULT false,
    "pinned_by" TEXT,
    "pinned_at" TIMESTAMPTZ(3),

    CONSTRAINT "timeline_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "services" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "metrics_source" "MetricsSourceKind" NOT NULL DEFAULT 'optimizer',
    "metrics_base_url" TEXT NOT NULL,
    "prom_queries" JSONB NOT NULL DEFAULT '{}',
    "ratio_unit" "RatioUnit" NOT NULL DEFAULT 'percent',
    "threshold_overrides" JSONB NOT NULL DEFAULT '{}',
    "k8s_context" TEXT,
    "k8s_namespace" TEXT NOT NULL DEFAULT 'default',
    "k8s_deployment" TEXT NOT NULL,
    "k8s_service" TEXT NOT NULL,
    "selector_label" TEXT NOT NULL DEFAULT 'version',
    "stable_value" TEXT NOT NULL DEFAULT 'stable',
    "auto_declare" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "services_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "incidents_status_severity_idx" ON "incidents"("status", "severity");

-- CreateIndex
CREATE INDEX "timeline_events_incident_id_id_idx" ON "timeline_events"("incident_id", "id");

-- CreateIndex
CREATE INDEX "timeline_events_incident_id_kind_idx" ON "timeline_events"("incident_id", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "services_name_key" ON "services"("name");

-- AddForeignKey
ALTER TABLE "incident_roles" ADD CONSTRAINT "incident_roles_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "timeline_events" ADD CONSTRAINT "timeline_events_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Timeline is append-only (issue #2: "Notes must survive anything"): no DELETE, and the
-- only UPDATE allowed is pinning/unpinning. Hand-written; Prisma's schema language has no triggers.
CREATE FUNCTION "timeline_events_append_only"() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'timeline_events is append-only: DELETE refused' USING ERRCODE = 'P0001';
  END IF;
  IF NEW.id IS DISTINCT FROM OLD.id OR NEW.incident_id IS DISTINCT FROM OLD.incident_id
     OR NEW.kind IS DISTINCT FROM OLD.kind OR NEW.actor IS DISTINCT FROM OLD.actor
     OR NEW.occurred_at IS DISTINCT FROM OLD.occurred_at OR NEW.body IS DISTINCT FROM OLD.body
     OR NEW.data IS DISTINCT FROM OLD.data THEN
    RAISE EXCEPTION 'timeline_events is append-only: only pinning may change' USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "timeline_events_append_only"
  BEFORE UPDATE OR DELETE ON "timeline_events"
  FOR EACH ROW EXECUTE FUNCTION "timeline_events_append_only"();
