import "server-only";

import type { WatchedService } from "@/lib/services/schema";

import { optimizerSource } from "./optimizer";
import { prometheusSource } from "./prometheus";
import type { MetricsSource } from "./types";

export type { MetricsSource, PollResult } from "./types";

export function sourceFor(service: WatchedService, timeoutMs?: number): MetricsSource {
  return service.metricsSource === "prometheus"
    ? prometheusSource(service, timeoutMs)
    : optimizerSource(service, timeoutMs);
}
