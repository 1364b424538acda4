import "server-only";

import {
  ERROR_LOG_WINDOW_S,
  getPodUsage,
  getRecentErrorLogs,
  getRolloutHistory,
  getServicePods,
} from "@/lib/remediation/read-views";
import type { WatchedService } from "@/lib/services/schema";

import {
  errorLogEvidence,
  historyEvidence,
  podsEvidence,
  usageEvidence,
  type ReadEvidence,
} from "./read-evidence";
import type { Step } from "./schema";

/** A read step through the remediation read views (runbook 001 · Step 2/Step 3 kubectl reads). */
export async function performRead(
  step: Extract<Step, { kind: "read" }>,
  service: WatchedService,
): Promise<ReadEvidence> {
  if (step.view === "history") return historyEvidence(await getRolloutHistory(service), step.limit ?? 5);
  if (step.view === "pods") return podsEvidence(await getServicePods(service));
  if (step.view === "usage") return usageEvidence(await getPodUsage(service));
  // The step's window: 15 min by default (runbook 001 · Step 3), 5 min in the error guide.
  const minutes = step.sinceMinutes ?? ERROR_LOG_WINDOW_S / 60;
  return errorLogEvidence(await getRecentErrorLogs(service, undefined, minutes * 60), minutes, step.limit);
}
