import "server-only";

import { getDb } from "@/lib/db/client";

/** Scans that ran at some point in [from, to] (every environment), at most `limit`, newest first. */
export function scansInWindow(from: Date, to: Date, limit = 200) {
  return getDb().scannerScan.findMany({
    where: {
      startedAt: { not: null, lte: to },
      OR: [{ finishedAt: null }, { finishedAt: { gte: from } }],
    },
    orderBy: { id: "desc" },
    take: limit,
    select: { id: true, environment: true, stage: true, startedAt: true, finishedAt: true },
  });
}
