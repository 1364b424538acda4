-- CreateTable
CREATE TABLE "postmortem_versions" (
    "id" SERIAL NOT NULL,
    "incident_id" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "markdown" TEXT NOT NULL,
    "saved_by" TEXT NOT NULL,
    "saved_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "postmortem_versions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "postmortem_versions_incident_id_version_key" ON "postmortem_versions"("incident_id", "version");
