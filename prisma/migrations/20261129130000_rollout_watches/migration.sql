-- A watch can follow a rollout Firebreak observed (a Deployment's new revision) as well as a
-- traffic switch: the revision it watches, the revision `rollout undo` goes back to, and whether
-- the undo runs by itself on a failed check or is offered to a person.
ALTER TABLE "deployment_watches" ADD COLUMN "revision" INTEGER,
ADD COLUMN "previous_revision" INTEGER,
ADD COLUMN "auto_undo" BOOLEAN NOT NULL DEFAULT false;

-- The watches of a service's revisions (the Deployments page marks the rollouts already watched).
CREATE INDEX "deployment_watches_service_revision_idx" ON "deployment_watches"("service", "revision");
