import type { ServiceInput } from "@/lib/services/schema";

/** Registers a service under watch with harmless defaults (nothing listens on its metrics URL). */
export async function createWatchedService(name: string, overrides: Partial<ServiceInput> = {}) {
  const { createService } = await import("@/lib/services/commands");
  return createService({
    name,
    metricsSource: "optimizer",
    metricsBaseUrl: "http://127.0.0.1:1",
    promQueries: {},
    ratioUnit: "percent",
    thresholdOverrides: {},
    k8sNamespace: "default",
    k8sDeployment: name,
    k8sService: name,
    selectorLabel: "version",
    stableValue: "stable",
    autoDeclare: false,
    ...overrides,
  });
}
