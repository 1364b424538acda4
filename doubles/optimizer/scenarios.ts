/** The optimizer double's state: scenario, seeded noise, values in the runbook's units.
 * Pure apart from the clock passed in; no I/O. */

export const SCENARIOS = [
  "healthy",
  "latency_spike",
  "cache_thrash",
  "error_burst",
  "outage",
  "recovering",
] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

/** Base values per scenario, in the runbook's units (ms, percent, RPS, MB). */
export type Readings = {
  p95_latency: number;
  error_rate: number;
  cache_hit_ratio: number;
  requests_per_second: number;
  cpu_usage: number;
  memory_usage: number;
  disk_usage: number;
  open_connections: number;
  eviction_rate: number;
  http2_adoption_rate: number;
  connection_reuse_rate: number;
};

export const MAX_CONNECTIONS = 1000;
const MEMORY_TOTAL_MB = 4096;

const HEALTHY: Readings = {
  p95_latency: 6,
  error_rate: 0.3,
  cache_hit_ratio: 92,
  requests_per_second: 120,
  cpu_usage: 35,
  memory_usage: 45,
  disk_usage: 40,
  open_connections: 220,
  eviction_rate: 2,
  http2_adoption_rate: 85,
  connection_reuse_rate: 90,
};

/** Each scenario moves the metrics its name says, and only those (so a test sees one reason). */
export const BASE: Record<Exclude<ScenarioName, "recovering" | "outage">, Readings> = {
  healthy: HEALTHY,
  latency_spike: { ...HEALTHY, p95_latency: 60, cpu_usage: 55 },
  cache_thrash: { ...HEALTHY, cache_hit_ratio: 55, eviction_rate: 180, p95_latency: 8 },
  error_burst: { ...HEALTHY, error_rate: 8 },
};

/** Noise amplitude per metric at --noise 1 (absolute, in the metric's unit). */
const NOISE: Readings = {
  p95_latency: 0.8,
  error_rate: 0.1,
  cache_hit_ratio: 1.5,
  requests_per_second: 8,
  cpu_usage: 4,
  memory_usage: 2,
  disk_usage: 0.2,
  open_connections: 25,
  eviction_rate: 1,
  http2_adoption_rate: 2,
  connection_reuse_rate: 2,
};

/** mulberry32: small, fast, deterministic for a seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;

export type DoubleOptions = { seed: number; noise: number; recoverMs: number };

export class OptimizerState {
  private rng: () => number;
  private name: ScenarioName = "healthy";
  private since: number;
  /** Values at the moment "recovering" started (it drifts from them to healthy). */
  private recoverFrom: Readings = HEALTHY;

  constructor(
    private readonly options: DoubleOptions,
    now = Date.now(),
  ) {
    this.rng = seededRandom(options.seed);
    this.since = now;
  }

  get scenario(): { name: ScenarioName; since: string } {
    return { name: this.name, since: new Date(this.since).toISOString() };
  }

  isDown(): boolean {
    return this.name === "outage";
  }

  setScenario(name: ScenarioName, now = Date.now()): void {
    if (name === "recovering") this.recoverFrom = this.base(now);
    this.name = name;
    this.since = now;
  }

  /** Noise-free values of the current scenario at `now`. */
  base(now = Date.now()): Readings {
    if (this.name === "outage") return BASE.healthy;
    if (this.name !== "recovering") return BASE[this.name];
    const k = clamp((now - this.since) / this.options.recoverMs, 0, 1);
    const out = { ...HEALTHY };
    for (const key of Object.keys(out) as Array<keyof Readings>) {
      out[key] = this.recoverFrom[key] + (HEALTHY[key] - this.recoverFrom[key]) * k;
    }
    return out;
  }

  /** One reading: base + seeded noise in [-amplitude, +amplitude], clamped to valid ranges. */
  read(now = Date.now()): Readings {
    const b = this.base(now);
    const n = (key: keyof Readings) => b[key] + (this.rng() * 2 - 1) * NOISE[key] * this.options.noise;
    return {
      p95_latency: round(Math.max(0.1, n("p95_latency"))),
      error_rate: round(clamp(n("error_rate"), 0, 100), 3),
      cache_hit_ratio: round(clamp(n("cache_hit_ratio"), 0, 100)),
      requests_per_second: round(Math.max(0, n("requests_per_second")), 1),
      cpu_usage: round(clamp(n("cpu_usage"), 0, 100)),
      memory_usage: round(clamp(n("memory_usage"), 0, 100)),
      disk_usage: round(clamp(n("disk_usage"), 0, 100)),
      open_connections: Math.round(clamp(n("open_connections"), 0, MAX_CONNECTIONS)),
      eviction_rate: round(Math.max(0, n("eviction_rate"))),
      http2_adoption_rate: round(clamp(n("http2_adoption_rate"), 0, 100)),
      connection_reuse_rate: round(clamp(n("connection_reuse_rate"), 0, 100)),
    };
  }

  memoryMb(r: Readings): number {
    return Math.round((r.memory_usage / 100) * MEMORY_TOTAL_MB);
  }
}

/** The double's own alert rules (it plays a service with its own alerting; these are the
 * runbook's numbers: p95 10/50 ms, error 1/5 %, cache hit 70/50 %). */
export function activeAlerts(r: Readings, since: string) {
  const alerts: Array<{
    name: string;
    severity: "warning" | "critical";
    metric: string;
    value: number;
    threshold: number;
    started_at: string;
    message: string;
  }> = [];
  const add = (
    name: string,
    severity: "warning" | "critical",
    metric: string,
    value: number,
    threshold: number,
    message: string,
  ) => alerts.push({ name, severity, metric, value, threshold, started_at: since, message });
  if (r.p95_latency > 50)
    add("HighLatencyP95", "critical", "p95_latency", r.p95_latency, 50, `p95 ${r.p95_latency}ms > 50ms`);
  else if (r.p95_latency > 10)
    add("HighLatencyP95", "warning", "p95_latency", r.p95_latency, 10, `p95 ${r.p95_latency}ms > 10ms`);
  if (r.error_rate > 5)
    add("HighErrorRate", "critical", "error_rate", r.error_rate, 5, `error rate ${r.error_rate}% > 5%`);
  else if (r.error_rate > 1)
    add("HighErrorRate", "warning", "error_rate", r.error_rate, 1, `error rate ${r.error_rate}% > 1%`);
  if (r.cache_hit_ratio < 50)
    add(
      "LowCacheHitRatio",
      "critical",
      "cache_hit_ratio",
      r.cache_hit_ratio,
      50,
      `hit ratio ${r.cache_hit_ratio}% < 50%`,
    );
  else if (r.cache_hit_ratio < 70)
    add(
      "LowCacheHitRatio",
      "warning",
      "cache_hit_ratio",
      r.cache_hit_ratio,
      70,
      `hit ratio ${r.cache_hit_ratio}% < 70%`,
    );
  return alerts;
}
