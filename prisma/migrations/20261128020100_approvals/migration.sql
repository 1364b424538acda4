-- CreateTable
CREATE TABLE "approval_requests" (
    "id" SERIAL NOT NULL,
    "incident_id" INTEGER NOT NULL,
    "action_kind" TEXT NOT NULL,
    "policy_key" TEXT NOT NULL,
    "policy" TEXT NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    "summary" TEXT NOT NULL,
    "requester_id" TEXT NOT NULL,
    "requester_name" TEXT NOT NULL,
    "requester_email" TEXT,
    "requester_roles" TEXT[],
    "requester_via" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "requested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "decider_id" TEXT,
    "decider_name" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "self_approved" BOOLEAN NOT NULL DEFAULT false,
    "reason" TEXT,
    "run_id" INTEGER,
    "result" TEXT,

    CONSTRAINT "approval_requests_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "approval_requests_incident_id_id_idx" ON "approval_requests"("incident_id", "id");

-- CreateIndex
CREATE INDEX "approval_requests_status_expires_at_idx" ON "approval_requests"("status", "expires_at");

-- AddForeignKey
ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Statuses, checked by the database: pending → approved → executed | failed; pending → denied.
-- (Expiry is read from expires_at; a pending row past it is expired.)
ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_status_check" CHECK ("status" IN ('pending', 'approved', 'denied', 'executed', 'failed'));
