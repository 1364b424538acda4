import "server-only";

import type { Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { readOptimizerEndpoint } from "@/lib/metrics/sources/optimizer-endpoints";

import { sha256Hex } from "./config-data";
import { optimizeCache, restoreCacheSnapshot, takeCacheSnapshot } from "./optimizer-cache";
import { runOperation, type OperationResult } from "./run-op";
import { getSnapshotWithBody, saveSnapshot, toSnapshotDto, type SnapshotDto } from "./store";
import { optimizerServiceOrThrow } from "./targets";

export type CacheStats = { hitRatio: number; size: number; memoryMb: number; defaultTtl: string } | null;
export type Confirmed = { service: string; requestId: string; incidentId?: number | null };

/** GET /cache/stats for a preview (runbook 001 · Low Cache Hit Ratio Alert, step 1); null with
 * the reason when the optimizer does not answer — a preview still opens. */
export async function readCacheStats(
  serviceName: string,
): Promise<{ stats: CacheStats; error: string | null }> {
  const service = await optimizerServiceOrThrow(serviceName);
  try {
    const r = await readOptimizerEndpoint(service, "/cache/stats", 5_000);
    const b = r.body as { hit_ratio: number; size: number; memory_usage: number; default_ttl: string };
    return {
      stats: { hitRatio: b.hit_ratio, size: b.size, memoryMb: b.memory_usage, defaultTtl: b.default_ttl },
      error: null,
    };
  } catch (e) {
    return { stats: null, error: (e as Error).message };
  }
}

/** `POST /cache/optimize` (runbook 001 · Weekly Maintenance, step 1). */
export async function runCacheOptimize(input: Confirmed, actor: Actor): Promise<OperationResult> {
  const service = await optimizerServiceOrThrow(input.service);
  return runOperation(
    {
      kind: "cache_optimize",
      service: service.name,
      actor,
      requestId: input.requestId,
      incidentId: input.incidentId,
      params: {},
    },
    async () => {
      const { status } = await optimizeCache(service.metricsBaseUrl);
      return { summary: `POST /cache/optimize answered ${status}` };
    },
  );
}

/** `POST /cache/snapshot` (runbook 001 · Backup Procedures, step 2), kept in Postgres with its
 * size and SHA-256. */
export async function runCacheSnapshot(
  input: Confirmed,
  actor: Actor,
): Promise<OperationResult & { snapshot: SnapshotDto | null }> {
  const service = await optimizerServiceOrThrow(input.service);
  let snapshot: SnapshotDto | null = null;
  const result = await runOperation(
    {
      kind: "cache_snapshot",
      service: service.name,
      actor,
      requestId: input.requestId,
      incidentId: input.incidentId,
      params: {},
    },
    async (operationId) => {
      const { body, entryCount } = await takeCacheSnapshot(service.metricsBaseUrl);
      snapshot = await saveSnapshot({
        service: service.name,
        operationId,
        takenBy: actor.name,
        entryCount,
        sizeBytes: Buffer.byteLength(body, "utf8"),
        checksum: sha256Hex(body),
        body,
      });
      return {
        summary: `snapshot #${snapshot.id}: ${entryCount} entries, ${snapshot.sizeBytes} bytes, sha256 ${snapshot.checksum.slice(0, 12)}…`,
      };
    },
  );
  return { ...result, snapshot };
}

/** Whether a stored snapshot's bytes still match their checksum. */
export function snapshotIntact(snap: { body: string; checksum: string }): boolean {
  return sha256Hex(snap.body) === snap.checksum;
}

/** A snapshot whose stored bytes no longer match their checksum is never sent. */
async function verifiedSnapshot(id: number) {
  const snap = await getSnapshotWithBody(id);
  if (!snap) throw new AppError("NOT_FOUND", `Cache snapshot #${id} does not exist.`);
  if (!snapshotIntact(snap))
    throw new AppError("CONFLICT", `Cache snapshot #${id} fails its checksum; it was not sent.`);
  return snap;
}

export type CacheRestorePreview = {
  snapshot: SnapshotDto;
  checksumOk: true;
  current: CacheStats;
  currentError: string | null;
  request: string;
};

/** What a restore will send, and the cache it replaces (nothing sent). */
export async function previewCacheRestore(snapshotId: number): Promise<CacheRestorePreview> {
  const snap = toSnapshotDto(await verifiedSnapshot(snapshotId));
  const { stats, error } = await readCacheStats(snap.service);
  return {
    snapshot: snap,
    checksumOk: true,
    current: stats,
    currentError: error,
    request: `POST /cache/restore (Content-Type: application/json, ${snap.sizeBytes} bytes, ${snap.entryCount} entries)`,
  };
}

/** `POST /cache/restore` with a stored snapshot (runbook 001 · Recovery Procedures, step 2). */
export async function runCacheRestore(
  input: Omit<Confirmed, "service"> & { snapshotId: number },
  actor: Actor,
): Promise<OperationResult> {
  const snap = await verifiedSnapshot(input.snapshotId);
  const service = await optimizerServiceOrThrow(snap.service);
  return runOperation(
    {
      kind: "cache_restore",
      service: service.name,
      actor,
      requestId: input.requestId,
      incidentId: input.incidentId,
      params: { snapshotId: snap.id, checksum: snap.checksum },
    },
    async () => {
      const { status } = await restoreCacheSnapshot(service.metricsBaseUrl, snap.body);
      return {
        summary: `restored snapshot #${snap.id} (${snap.entryCount} entries, ${snap.sizeBytes} bytes); the optimizer answered ${status}`,
      };
    },
  );
}
