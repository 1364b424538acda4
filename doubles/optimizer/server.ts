import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

import { EXPOSITION_CONTENT_TYPE, renderExposition } from "./exposition";
import {
  activeAlerts,
  MAX_CONNECTIONS,
  OptimizerState,
  SCENARIOS,
  type DoubleOptions,
  type ScenarioName,
} from "./scenarios";

export type ServerOptions = DoubleOptions & { unit: "percent" | "fraction"; latencyMs?: number };

/** A fixed delay per route in [0.5, 1] × latencyMs (benchmarks: probes of unequal speed). */
function routeDelay(key: string, latencyMs: number): number {
  let h = 0;
  for (const c of key) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return latencyMs * (0.5 + (h % 1000) / 2000);
}

type Fault = { path: string; mode: "malformed" | "500" | "hang"; times: number };

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { "content-type": typeof body === "string" ? "text/plain" : "application/json" });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const text = await readBody(req);
  return text ? JSON.parse(text) : undefined;
}

/** The API Latency Optimizer double: the runbook's endpoints and snake_case shapes
 * (the fields runbook 001's commands read with jq), not apilo's placeholder Go structs. */
export function createOptimizerServer(options: ServerOptions): Server {
  const state = new OptimizerState(options);
  const faults: Fault[] = [];
  /** Requests per "METHOD /path" of the optimizer API (not the control routes), for tests. */
  const hits = new Map<string, number>();
  /** The cache layer's contents: what /cache/snapshot answers and /cache/restore replaces. */
  const cache = {
    entries: [
      { key: "route:/v1/items", ttl: "15m" },
      { key: "route:/v1/users", ttl: "15m" },
    ] as unknown[],
    optimizedAt: null as string | null,
  };
  /** Ratios in the declared unit of this process (--unit). */
  const ratio = (pct: number) => (options.unit === "fraction" ? Math.round(pct * 1000) / 100_000 : pct);

  const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => Promise<void> | void> = {
    "GET /health": (_q, res) => {
      const name = state.scenario.name;
      const status = name === "outage" ? "unhealthy" : name === "healthy" ? "healthy" : "degraded";
      send(res, status === "unhealthy" ? 503 : 200, {
        status,
        version: "1.4.2-double",
        uptime: Math.round(process.uptime()),
      });
    },
    "GET /health/live": (_q, res) => (state.isDown() ? send(res, 503, "NOT_RUNNING") : send(res, 200, "OK")),
    "GET /health/ready": (_q, res) =>
      state.isDown() ? send(res, 503, "NOT_READY") : send(res, 200, "READY"),
    // Scraped by Prometheus; a service that is down answers nothing useful (Prometheus's `up` = 0).
    "GET /metrics": (_q, res) => {
      if (state.isDown()) return send(res, 503, "NOT_RUNNING");
      res.writeHead(200, { "content-type": EXPOSITION_CONTENT_TYPE });
      res.end(renderExposition(state.read()));
    },
    "GET /metrics/performance": (_q, res) => {
      const r = state.read();
      send(res, 200, {
        p95_latency: r.p95_latency,
        error_rate: ratio(r.error_rate),
        cache_hit_ratio: ratio(r.cache_hit_ratio),
        cache_memory_usage: 245,
        eviction_rate: r.eviction_rate,
        circuit_breaker_state: state.scenario.name === "error_burst" ? "half_open" : "closed",
        http2_adoption_rate: ratio(r.http2_adoption_rate),
        connection_reuse_rate: ratio(r.connection_reuse_rate),
        requests_per_second: r.requests_per_second,
        memory_usage_mb: state.memoryMb(r),
      });
    },
    "GET /metrics/system": (_q, res) => {
      const r = state.read();
      send(res, 200, {
        memory_usage: r.memory_usage,
        cpu_usage: r.cpu_usage,
        disk_usage: r.disk_usage,
        memory_usage_mb: state.memoryMb(r),
        cpu_usage_percent: r.cpu_usage,
        open_connections: r.open_connections,
        max_connections: MAX_CONNECTIONS,
      });
    },
    "GET /metrics/errors": (_q, res) => {
      const r = state.read();
      const total = Math.round(r.requests_per_second * 60 * (r.error_rate / 100));
      send(res, 200, {
        errors_by_type: {
          timeout: Math.ceil(total * 0.5),
          upstream_5xx: Math.floor(total * 0.3),
          validation: Math.floor(total * 0.2),
        },
      });
    },
    "GET /alerts/active": (_q, res) => send(res, 200, activeAlerts(state.read(), state.scenario.since)),
    "GET /cache/stats": (_q, res) => {
      const r = state.read();
      // The cache layer's own hit ratio over its recent window. While thrashing it is below the
      // request-level ratio of /metrics/performance (uncacheable routes count there, not here).
      const hit =
        state.scenario.name === "cache_thrash" ? Math.min(r.cache_hit_ratio, 42) : r.cache_hit_ratio;
      send(res, 200, {
        hit_ratio: ratio(hit),
        size: 1500,
        memory_usage: 245,
        eviction_count: Math.round(r.eviction_rate * 60),
        recent_evictions: Math.round(r.eviction_rate),
        default_ttl: "15m",
        average_age: "6m",
      });
    },
    "GET /cache/invalidation-stats": (_q, res) =>
      send(res, 200, { invalidation_rate: state.scenario.name === "cache_thrash" ? 42 : 1.5 }),
    "GET /circuit-breaker/status": (_q, res) => {
      const bursting = state.scenario.name === "error_burst";
      send(res, 200, { state: bursting ? "half_open" : "closed", failure_count: bursting ? 37 : 0 });
    },
    "POST /cache/optimize": (_q, res) => {
      cache.optimizedAt = new Date().toISOString();
      send(res, 200, { status: "optimized", entries: cache.entries.length });
    },
    "POST /cache/snapshot": (_q, res) =>
      send(res, 200, {
        taken_at: new Date().toISOString(),
        size: cache.entries.length,
        entries: cache.entries,
      }),
    "POST /cache/restore": async (req, res) => {
      const body = (await readJson(req).catch(() => undefined)) as { entries?: unknown } | undefined;
      if (!body || !Array.isArray(body.entries))
        return send(res, 400, { error: "body must be a snapshot: {entries: [...]}" });
      cache.entries = body.entries;
      send(res, 200, { restored: body.entries.length });
    },
  };

  const control: Record<string, (req: IncomingMessage, res: ServerResponse) => Promise<void> | void> = {
    "GET /healthz": (_q, res) => send(res, 200, { ok: true }),
    "GET /__double/scenario": (_q, res) => send(res, 200, { ...state.scenario, scenarios: SCENARIOS }),
    "POST /__double/scenario": async (req, res) => {
      const body = (await readJson(req).catch(() => undefined)) as { name?: string } | undefined;
      if (!body || !SCENARIOS.includes(body.name as ScenarioName)) {
        return send(res, 400, { error: `name must be one of ${SCENARIOS.join(", ")}` });
      }
      state.setScenario(body.name as ScenarioName);
      send(res, 200, state.scenario);
    },
    /** Test hook: the next `times` requests to `path` get a malformed body, a 500, or no answer. */
    "POST /__double/faults": async (req, res) => {
      const f = (await readJson(req).catch(() => undefined)) as Partial<Fault> | undefined;
      if (!f?.path || !["malformed", "500", "hang"].includes(String(f.mode)) || !(Number(f.times) > 0)) {
        return send(res, 400, { error: "expected {path, mode: malformed|500|hang, times > 0}" });
      }
      faults.push({ path: f.path, mode: f.mode as Fault["mode"], times: Number(f.times) });
      send(res, 200, { faults });
    },
    /** Test hooks: the cache's contents as they are now, and replacing them (a cache that
     * changed after a snapshot), without going through the optimizer API. */
    "GET /__double/cache": (_q, res) => send(res, 200, cache),
    "PUT /__double/cache": async (req, res) => {
      const body = (await readJson(req).catch(() => undefined)) as { entries?: unknown } | undefined;
      if (!body || !Array.isArray(body.entries))
        return send(res, 400, { error: "expected {entries: [...]}" });
      cache.entries = body.entries;
      send(res, 200, cache);
    },
    "GET /__double/requests": (_q, res) => send(res, 200, Object.fromEntries(hits)),
    "DELETE /__double/requests": (_q, res) => {
      hits.clear();
      send(res, 200, {});
    },
    "DELETE /__double/faults": (_q, res) => {
      faults.length = 0;
      send(res, 200, { faults });
    },
  };

  return createServer(async (req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const key = `${req.method} ${path}`;
    try {
      const ctl = control[key];
      if (ctl) return await ctl(req, res);
      const handler = routes[key];
      if (!handler) return send(res, 404, { error: `no route ${key}` });
      hits.set(key, (hits.get(key) ?? 0) + 1);
      if (options.latencyMs) await new Promise((r) => setTimeout(r, routeDelay(key, options.latencyMs!)));
      const fault = faults.find((f) => f.path === path && f.times > 0);
      if (fault) {
        fault.times -= 1;
        if (fault.mode === "hang") return; // never answers: the caller's timeout must fire
        if (fault.mode === "500") return send(res, 500, { error: "injected fault" });
        return send(res, 200, '{"p95_latency": "fast", "truncated": ');
      }
      // Outage: the process answers, but every endpoint fails (runbook: /health/live != 200).
      if (state.isDown() && path !== "/health" && path !== "/health/live" && path !== "/health/ready") {
        return send(res, 503, { error: "service unavailable" });
      }
      await handler(req, res);
    } catch (e) {
      send(res, 500, { error: String(e) });
    }
  });
}
