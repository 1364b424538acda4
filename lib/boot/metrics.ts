import "server-only";

import { getEnv } from "@/lib/env";
import { startCollector, type Collector } from "@/lib/metrics/collector";
import { applyServicesFile } from "@/lib/services/config-file";
import { awaitsConfirmation } from "@/lib/severity/confirmation";
import { createEvaluationGate } from "@/lib/severity/evaluation-gate";
import { evaluateService } from "@/lib/severity/tracker";
// Auto-declared incidents start their SEV's playbook (registers the declaration hook).
import "@/lib/playbooks/on-declare";
// Declarations, status changes and containment queue their notifications (lib/notifications).
import "@/lib/notifications/hooks";

type BootState = {
  collector: Collector | null;
  servicesFile: { file: string; ok: boolean; message: string; at: Date } | null;
};
const g = globalThis as unknown as { __firebreakMetrics?: BootState };

/** What the last startup did with FIREBREAK_SERVICES_FILE (shown on the services page). */
export function servicesFileStatus(): BootState["servicesFile"] {
  return g.__firebreakMetrics?.servicesFile ?? null;
}

/**
 * Process startup (instrumentation.ts, collector-cli.ts): apply the services file, then
 * start the collector (which only collects while it holds the leader lock). Idempotent.
 * An invalid services file is logged with its path and fields and nothing is applied; the
 * console still starts so the error can be seen and fixed.
 */
export async function bootMetrics(
  log: (m: string) => void = (m) => console.log(`[metrics] ${m}`),
): Promise<BootState> {
  if (g.__firebreakMetrics) return g.__firebreakMetrics;
  const state: BootState = { collector: null, servicesFile: null };
  g.__firebreakMetrics = state;
  const env = getEnv();
  if (!env.DATABASE_URL) {
    log("DATABASE_URL not set: no services file, no collector");
    return state;
  }
  if (env.FIREBREAK_SERVICES_FILE) {
    const file = env.FIREBREAK_SERVICES_FILE;
    for (let attempt = 0; ; attempt++) {
      try {
        const { applied, file: abs } = await applyServicesFile(file);
        state.servicesFile = {
          file: abs,
          ok: true,
          message: `applied ${applied.join(", ") || "(no services)"}`,
          at: new Date(),
        };
        log(`services file ${abs}: ${state.servicesFile.message}`);
        break;
      } catch (e) {
        // Two processes upserting the same new name at once: the loser retries once.
        if (attempt === 0 && /P2002|Unique constraint/i.test(String(e))) continue;
        state.servicesFile = { file, ok: false, message: (e as Error).message, at: new Date() };
        console.error(`[metrics] ${(e as Error).message}`);
        break;
      }
    }
  }
  if (env.COLLECTOR_ENABLED) {
    // The SEV tracker runs in full only when a reading changed its zone (evaluation-gate.ts).
    const gate = createEvaluationGate((serviceId) => evaluateService(serviceId));
    state.collector = startCollector({
      databaseUrl: env.DATABASE_URL,
      timeoutMs: env.COLLECTOR_TIMEOUT_MS,
      retentionDays: env.METRICS_RETENTION_DAYS,
      afterFastPoll: async (_serviceId, service) => ({
        awaitingConfirmation: awaitsConfirmation(await gate.afterFastPoll(service)),
      }),
      onStored: (serviceId, at, values, complete) => gate.observe(serviceId, at.getTime(), values, complete),
      onLeadership: () => gate.reset(),
      log: (m) => log(`collector: ${m}`),
    });
  }
  return state;
}

export async function shutdownMetrics(): Promise<void> {
  await g.__firebreakMetrics?.collector?.stop();
}
