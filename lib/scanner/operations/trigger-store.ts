import "server-only";

import type { Prisma } from "@/lib/generated/prisma/client";
import { getDb } from "@/lib/db/client";

import { duringText, mergeTriggers, storedTriggers, type FiredTrigger } from "../rollout/live";
import type { Trigger } from "../rollout/triggers";
import { recordOnIncident } from "./incident-link";

/**
 * Stores the triggers that fire on a scan, each kind once (the first firing keeps when and at
 * which values it fired), under a row lock so the stream watcher, an operator report and the
 * end-of-run assessment never overwrite each other. A trigger new to the scan lands on the
 * linked incident's timeline. `replaceKinds` lets a newer value of a kind replace the stored one
 * (an operator report's count).
 */
export async function fireTriggers(
  scanId: number,
  now: readonly Trigger[],
  fired: Omit<FiredTrigger, keyof Trigger>,
  opts: { replaceKinds?: readonly string[]; actor?: string } = {},
): Promise<FiredTrigger[]> {
  if (now.length === 0) return [];
  const { scan, added } = await getDb().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM scanner_scans WHERE id = ${scanId} FOR UPDATE`;
    const row = await tx.scannerScan.findUniqueOrThrow({ where: { id: scanId } });
    const replace = new Set(opts.replaceKinds ?? []);
    const kept = storedTriggers(row.triggers).filter((t) => !replace.has(t.kind));
    const merged = mergeTriggers(kept, now, fired);
    if (merged.added.length > 0)
      await tx.scannerScan.update({
        where: { id: scanId },
        data: { triggers: merged.all as unknown as Prisma.InputJsonArray },
      });
    return { scan: row, added: merged.added };
  });
  for (const t of added)
    await recordOnIncident(
      scan,
      { event: "trigger", trigger: t.message, during: duringText(t.during) },
      opts.actor,
    );
  return added;
}
