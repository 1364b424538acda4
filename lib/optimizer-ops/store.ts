import "server-only";

import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { appendTimelineEvent } from "@/lib/incidents/events";
import type { DiffLine } from "@/lib/kube/diff";

import type { ChecklistItem, OperationKind, OperationOutcome } from "./kinds";

export type OperationDto = {
  id: number;
  kind: OperationKind;
  service: string;
  incidentId: number | null;
  actor: string;
  outcome: OperationOutcome;
  summary: string;
  diff: DiffLine[];
  items: ChecklistItem[];
  error: string | null;
  startedAt: string;
  durationMs: number | null;
};

type Row = Awaited<ReturnType<ReturnType<typeof getDb>["optimizerOperation"]["findFirstOrThrow"]>>;

export function toOperationDto(r: Row): OperationDto {
  return {
    id: r.id,
    kind: r.kind as OperationKind,
    service: r.service,
    incidentId: r.incidentId,
    actor: r.actor,
    outcome: r.outcome as OperationOutcome,
    summary: r.summary,
    diff: (Array.isArray(r.diff) ? r.diff : []) as unknown as DiffLine[],
    items: (Array.isArray(r.items) ? r.items : []) as unknown as ChecklistItem[],
    error: r.error,
    startedAt: r.startedAt.toISOString(),
    durationMs: r.durationMs,
  };
}

/** Records a confirmed operation before it runs. The same `requestId` twice (a double submit, a
 * retried request) is one operation: the second call gets the first's row and `fresh: false`. */
export async function claimOperation(data: {
  kind: OperationKind;
  service: string;
  incidentId: number | null;
  actor: string;
  requestId: string;
  params: Prisma.InputJsonObject;
}): Promise<{ op: OperationDto; fresh: boolean }> {
  const db = getDb();
  try {
    return { op: toOperationDto(await db.optimizerOperation.create({ data })), fresh: true };
  } catch (e) {
    if ((e as { code?: string }).code !== "P2002") throw e;
    const row = await db.optimizerOperation.findUniqueOrThrow({ where: { requestId: data.requestId } });
    return { op: toOperationDto(row), fresh: false };
  }
}

export type Finish = {
  outcome: "succeeded" | "failed";
  summary: string;
  diff?: DiffLine[];
  items?: ChecklistItem[];
  error?: string | null;
  durationMs: number;
};

/** Finishes an operation and, when it belongs to an incident, says so on its timeline in the
 * same transaction. */
export async function finishOperation(
  id: number,
  finish: Finish,
  event: { incidentId: number | null; actor: string; body: string; data: Prisma.InputJsonObject },
): Promise<OperationDto> {
  return getDb().$transaction(async (tx) => {
    const row = await tx.optimizerOperation.update({
      where: { id },
      data: {
        outcome: finish.outcome,
        summary: finish.summary,
        diff: (finish.diff ?? []) as unknown as Prisma.InputJsonArray,
        items: (finish.items ?? []) as unknown as Prisma.InputJsonArray,
        error: finish.error ?? null,
        durationMs: finish.durationMs,
        finishedAt: new Date(),
      },
    });
    if (event.incidentId !== null)
      await appendTimelineEvent(
        {
          incidentId: event.incidentId,
          kind: "action",
          actor: event.actor,
          body: event.body,
          data: event.data,
        },
        tx,
      );
    return toOperationDto(row);
  });
}

export async function listOperations(service: string, take = 20): Promise<OperationDto[]> {
  const rows = await getDb().optimizerOperation.findMany({
    where: { service },
    orderBy: { id: "desc" },
    take,
  });
  return rows.map(toOperationDto);
}

export type SnapshotDto = {
  id: number;
  service: string;
  operationId: number;
  takenBy: string;
  entryCount: number;
  sizeBytes: number;
  checksum: string;
  createdAt: string;
};

const snapshotSelect = {
  id: true,
  service: true,
  operationId: true,
  takenBy: true,
  entryCount: true,
  sizeBytes: true,
  checksum: true,
  createdAt: true,
} as const;

/** A snapshot row (with or without its body) as it may be shown: never the body. */
export function toSnapshotDto(r: Omit<SnapshotDto, "createdAt"> & { createdAt: Date }): SnapshotDto {
  return {
    id: r.id,
    service: r.service,
    operationId: r.operationId,
    takenBy: r.takenBy,
    entryCount: r.entryCount,
    sizeBytes: r.sizeBytes,
    checksum: r.checksum,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function saveSnapshot(
  data: Omit<SnapshotDto, "id" | "createdAt"> & { body: string },
): Promise<SnapshotDto> {
  return toSnapshotDto(await getDb().cacheSnapshot.create({ data, select: snapshotSelect }));
}

export async function listSnapshots(service: string, take = 20): Promise<SnapshotDto[]> {
  const rows = await getDb().cacheSnapshot.findMany({
    where: { service },
    orderBy: { id: "desc" },
    take,
    select: snapshotSelect,
  });
  return rows.map(toSnapshotDto);
}

export async function getSnapshotWithBody(id: number) {
  return getDb().cacheSnapshot.findUnique({ where: { id } });
}

export type BackupDto = {
  id: number;
  service: string;
  operationId: number;
  kind: "ConfigMap" | "Secret";
  namespace: string;
  name: string;
  resourceVersion: string;
  keys: string[];
  sizeBytes: number;
  checksum: string;
  encrypted: boolean;
  takenBy: string;
  createdAt: string;
};

const backupSelect = {
  id: true,
  service: true,
  operationId: true,
  kind: true,
  namespace: true,
  name: true,
  resourceVersion: true,
  keys: true,
  sizeBytes: true,
  checksum: true,
  encrypted: true,
  takenBy: true,
  createdAt: true,
} as const;

type BackupRow = { [K in keyof typeof backupSelect]: unknown } & { createdAt: Date; keys: Prisma.JsonValue };

/** A backup row (with or without its content) as it may be shown: only the selected columns,
 * never the content. */
export function toBackupDto(r: BackupRow): BackupDto {
  const shown = Object.fromEntries(Object.keys(backupSelect).map((k) => [k, r[k as keyof BackupRow]]));
  return {
    ...(shown as unknown as Omit<BackupDto, "createdAt" | "keys">),
    keys: (Array.isArray(r.keys) ? r.keys : []) as string[],
    createdAt: r.createdAt.toISOString(),
  };
}

export async function saveBackup(
  data: Omit<BackupDto, "id" | "createdAt"> & { content: string },
): Promise<BackupDto> {
  return toBackupDto(await getDb().configBackup.create({ data, select: backupSelect }));
}

export async function listBackups(service: string, take = 20): Promise<BackupDto[]> {
  const rows = await getDb().configBackup.findMany({
    where: { service },
    orderBy: { id: "desc" },
    take,
    select: backupSelect,
  });
  return rows.map(toBackupDto);
}

export async function getBackupWithContent(id: number) {
  return getDb().configBackup.findUnique({ where: { id } });
}

/** The newest cache snapshot, ConfigMap backup and Secret backup of a service, with their
 * stored bytes (for the weekly maintenance's backup check). */
export async function latestBackups(service: string) {
  const db = getDb();
  const [snapshot, configMap, secret] = await Promise.all([
    db.cacheSnapshot.findFirst({ where: { service }, orderBy: { id: "desc" } }),
    db.configBackup.findFirst({ where: { service, kind: "ConfigMap" }, orderBy: { id: "desc" } }),
    db.configBackup.findFirst({ where: { service, kind: "Secret" }, orderBy: { id: "desc" } }),
  ]);
  return { snapshot, configMap, secret };
}
