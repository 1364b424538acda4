-- CreateEnum
CREATE TYPE "MetricKey" AS ENUM ('live', 'p95_latency_ms', 'error_rate_pct', 'cache_hit_pct', 'rps', 'cpu_pct', 'memory_pct', 'disk_pct', 'open_connections_pct');

-- CreateEnum
CREATE TYPE "PollGroup" AS ENUM ('fast', 'medium', 'slow');

-- CreateTable
CREATE TABLE "metric_samples" (
    "service_id" INTEGER NOT NULL,
    "metric" "MetricKey" NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "value" DOUBLE PRECISION,

    CONSTRAINT "metric_samples_pkey" PRIMARY KEY ("service_id","metric","at")
);

-- CreateTable
CREATE TABLE "metric_poll_errors" (
    "service_id" INTEGER NOT NULL,
    "poll_group" "PollGroup" NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "error" TEXT NOT NULL,

    CONSTRAINT "metric_poll_errors_pkey" PRIMARY KEY ("service_id","poll_group","at")
);

-- CreateIndex
CREATE INDEX "metric_samples_at_idx" ON "metric_samples"("at");

-- CreateIndex
CREATE INDEX "metric_poll_errors_at_idx" ON "metric_poll_errors"("at");

-- Hand-written (Prisma cannot express it): a covering index so the 30-day chart query
-- (querySeries) is an index-only scan of (service_id, metric, at) ranges with the value
-- read from the index, never the heap.
CREATE INDEX "metric_samples_series_covering_idx" ON "metric_samples"("service_id", "metric", "at") INCLUDE ("value");

-- Samples die with their service (no Prisma relation: the Service model belongs to the foundation).
ALTER TABLE "metric_samples" ADD CONSTRAINT "metric_samples_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "metric_poll_errors" ADD CONSTRAINT "metric_poll_errors_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;
