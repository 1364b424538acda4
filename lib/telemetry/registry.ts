import "server-only";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

import { countJobsByState } from "./job-counts";

/** Firebreak's own metrics, served by GET /metrics. */
export type Telemetry = {
  registry: Registry;
  actions: Counter<"kind" | "outcome">;
  actionDuration: Histogram<"kind">;
  collectorPolls: Counter<"service" | "group" | "outcome">;
  collectorLag: Gauge<"service">;
  jobs: Gauge<"state">;
  httpDuration: Histogram<"route" | "method" | "status">;
  serverActions: Counter<"name" | "outcome">;
  notificationAttempts: Counter<"channel" | "outcome">;
};

/** Next.js may load this module more than once in one process (instrumentation, each route
 * bundle); the registry lives on globalThis so every copy records into the same one. */
const holder = globalThis as unknown as { __firebreakTelemetry?: Telemetry };

export function telemetry(): Telemetry {
  holder.__firebreakTelemetry ??= create();
  return holder.__firebreakTelemetry;
}

function create(): Telemetry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    actions: new Counter({
      name: "firebreak_actions_total",
      help: "Remediation actions by kind and outcome",
      labelNames: ["kind", "outcome"],
      registers,
    }),
    actionDuration: new Histogram({
      name: "firebreak_action_duration_seconds",
      help: "Time from request to outcome of a remediation action",
      labelNames: ["kind"],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    collectorPolls: new Counter({
      name: "firebreak_collector_polls_total",
      help: "Metric polls per service and poll group; outcome error = some metric unread",
      labelNames: ["service", "group", "outcome"],
      registers,
    }),
    collectorLag: new Gauge({
      name: "firebreak_collector_lag_seconds",
      help: "Seconds between a poll slot's start and its samples being stored (last poll)",
      labelNames: ["service"],
      registers,
    }),
    jobs: new Gauge({
      name: "firebreak_jobs",
      help: "Background jobs by state, read at scrape time",
      labelNames: ["state"],
      registers,
      async collect() {
        this.reset();
        for (const { state, count } of await countJobsByState()) this.set({ state }, count);
      },
    }),
    httpDuration: new Histogram({
      name: "firebreak_http_request_duration_seconds",
      help: "API route handler durations",
      labelNames: ["route", "method", "status"],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    serverActions: new Counter({
      name: "firebreak_server_actions_total",
      help: "Server actions by name and outcome",
      labelNames: ["name", "outcome"],
      registers,
    }),
    notificationAttempts: new Counter({
      name: "firebreak_notification_attempts_total",
      help: "Notification delivery attempts by channel kind and outcome (sent, retrying, failed)",
      labelNames: ["channel", "outcome"],
      registers,
    }),
  };
}
