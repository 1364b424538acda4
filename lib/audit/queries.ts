import "server-only";

import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

import type { AuditFilters } from "./filters";

export type AuditRow = {
  id: number;
  at: string;
  actorId: string;
  actorName: string;
  actorVia: string | null;
  action: string;
  outcome: string;
  target: string | null;
  message: string | null;
  data: unknown;
  ip: string | null;
  userAgent: string | null;
};

function where(f: AuditFilters): Prisma.AuditEntryWhereInput {
  const person = f.person
    ? {
        OR: [
          { actorId: { contains: f.person, mode: "insensitive" as const } },
          { actorName: { contains: f.person, mode: "insensitive" as const } },
        ],
      }
    : {};
  return {
    ...person,
    ...(f.action ? { action: { startsWith: f.action } } : {}),
    ...(f.from || f.to ? { at: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) } } : {}),
  };
}

/** Newest first, `limit` rows, optionally before an id (keyset paging). */
export async function listAudit(f: AuditFilters, limit: number, beforeId?: number): Promise<AuditRow[]> {
  const rows = await getDb().auditEntry.findMany({
    where: { ...where(f), ...(beforeId ? { id: { lt: beforeId } } : {}) },
    orderBy: { id: "desc" },
    take: limit,
  });
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}

/** Every matching row, oldest first, in pages (for the CSV export). */
export async function* iterateAudit(f: AuditFilters, pageSize = 1000): AsyncGenerator<AuditRow[]> {
  let afterId = 0;
  for (;;) {
    const rows = await getDb().auditEntry.findMany({
      where: { ...where(f), id: { gt: afterId } },
      orderBy: { id: "asc" },
      take: pageSize,
    });
    if (rows.length === 0) return;
    yield rows.map((r) => ({ ...r, at: r.at.toISOString() }));
    afterId = rows[rows.length - 1]!.id;
  }
}

export async function listAuditActions(): Promise<string[]> {
  const rows = await getDb().auditEntry.findMany({
    distinct: ["action"],
    select: { action: true },
    orderBy: { action: "asc" },
    take: 500,
  });
  return rows.map((r) => r.action);
}
