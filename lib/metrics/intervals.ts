import { getEnv } from "@/lib/env";
import { POLL_INTERVAL_MS, type PollGroup } from "@/lib/runbook/catalog";

/** The scaled poll interval of a group (COLLECTOR_INTERVAL_SCALE shortens it in tests). */
export function intervalMsOf(group: PollGroup): number {
  return Math.max(1, Math.round(POLL_INTERVAL_MS[group] * getEnv().COLLECTOR_INTERVAL_SCALE));
}
