-- AlterTable
ALTER TABLE "action_runs" ADD COLUMN     "lease_expires_at" TIMESTAMPTZ(3),
ADD COLUMN     "lease_owner" TEXT;

-- CreateIndex
CREATE INDEX "action_runs_outcome_lease_expires_at_idx" ON "action_runs"("outcome", "lease_expires_at");
