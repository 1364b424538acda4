-- CreateTable
CREATE TABLE "metric_rollups" (
    "service_id" INTEGER NOT NULL,
    "metric" "MetricKey" NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "sum" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "metric_rollups_pkey" PRIMARY KEY ("service_id","metric","bucket")
);

-- CreateIndex
CREATE INDEX "metric_rollups_bucket_idx" ON "metric_rollups"("bucket");

-- AddForeignKey (hand-written: no Prisma relation to the foundation's Service model)
ALTER TABLE "metric_rollups" ADD CONSTRAINT "metric_rollups_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written (Prisma cannot express INCLUDE): long-range charts read (sum, count) straight
-- from the index (index-only scan) instead of one heap page per 5-minute row.
CREATE INDEX "metric_rollups_series_covering_idx" ON "metric_rollups"("service_id", "metric", "bucket") INCLUDE ("sum", "count");
