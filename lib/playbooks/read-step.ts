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
  // The read view's window is fixed at ERROR_LOG_WINDOW_S (15 min, runbook 001 · Step 3); a
  // shorter `sinceMinutes` (the error guide's 5 min) is shown as asked but read over that window.
  const windowMin = ERROR_LOG_WINDOW_S / 60;
  const ev = errorLogEvidence(await getRecentErrorLogs(service), windowMin, step.limit);
  if ((step.sinceMinutes ?? windowMin) === windowMin) return ev;
  return { ...ev, text: `${ev.text} (asked: ${step.sinceMinutes} min; the log view reads ${windowMin} min)` };
}
