import "server-only";
import { z } from "zod";

import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Service } from "@/lib/generated/prisma/client";
import { METRIC_KEYS, type MetricKey } from "@/lib/runbook/catalog";

import { thresholdOverridesSchema, type WatchedService } from "./schema";

export type { WatchedService } from "./schema";

const promQueriesSchema = z.partialRecord(z.enum(METRIC_KEYS as [MetricKey, ...MetricKey[]]), z.string());

export function toWatchedService(row: Service): WatchedService {
  return {
    id: row.id,
    name: row.name,
    metricsSource: row.metricsSource,
    metricsBaseUrl: row.metricsBaseUrl,
    // Stored through serviceInputSchema; a row that no longer parses is a bug, not "no overrides".
    promQueries: promQueriesSchema.parse(row.promQueries),
    ratioUnit: row.ratioUnit,
    thresholdOverrides: thresholdOverridesSchema.parse(row.thresholdOverrides),
    k8s: {
      context: row.k8sContext,
      namespace: row.k8sNamespace,
      deployment: row.k8sDeployment,
      service: row.k8sService,
      selectorLabel: row.selectorLabel,
      stableValue: row.stableValue,
    },
    autoDeclare: row.autoDeclare,
    upstreamHealthUrl: row.upstreamHealthUrl,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export async function listServices(): Promise<WatchedService[]> {
  const rows = await getDb().service.findMany({ orderBy: { name: "asc" } });
  return rows.map(toWatchedService);
}

export async function getServiceOrThrow(id: number): Promise<WatchedService> {
  const row = await getDb().service.findUnique({ where: { id } });
  if (!row) throw new AppError("NOT_FOUND", `Service #${id} does not exist.`);
  return toWatchedService(row);
}

export async function getServiceByName(name: string): Promise<WatchedService | null> {
  const row = await getDb().service.findUnique({ where: { name } });
  return row ? toWatchedService(row) : null;
}
