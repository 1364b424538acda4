import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

/** A fixed set of PromQL expressions this double answers, with their current value.
 * value null = the expression matches no series (empty vector); `series` > 1 returns that
 * many series (to exercise "aggregate your expression"); `error` answers like Prometheus
 * does for a bad query. Anything else answers an empty vector, as Prometheus does for
 * a metric name it has never seen. */
export type SeriesSpec = { value: number | null | "NaN"; series?: number; error?: string };

export const DEFAULT_SERIES: Record<string, SeriesSpec> = {
  'up{job="api-optimizer"}': { value: 1 },
  'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="api-optimizer"}[5m]))) * 1000':
    { value: 6.2 },
  'sum(rate(http_requests_total{job="api-optimizer",code=~"5.."}[5m])) / sum(rate(http_requests_total{job="api-optimizer"}[5m]))':
    { value: 0.003 },
  'sum(rate(cache_hits_total{job="api-optimizer"}[5m])) / sum(rate(cache_requests_total{job="api-optimizer"}[5m]))':
    { value: 0.92 },
  'sum(rate(http_requests_total{job="api-optimizer"}[5m]))': { value: 120 },
};

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Query parameters from the URL and, for POST, from a form-encoded body (both are valid in Prometheus's API). */
async function paramsOf(req: IncomingMessage, url: URL): Promise<URLSearchParams> {
  const params = new URLSearchParams(url.searchParams);
  if (req.method === "POST") for (const [k, v] of new URLSearchParams(await readBody(req))) params.set(k, v);
  return params;
}

const badData = (res: ServerResponse, error: string) =>
  send(res, 400, { status: "error", errorType: "bad_data", error });
const fmt = (v: number | "NaN") => (v === "NaN" ? "NaN" : String(v));

export function createPrometheusServer(): Server {
  const series = new Map<string, SeriesSpec>(Object.entries(DEFAULT_SERIES));
  let queries = 0;

  function vectorFor(query: string, at: number) {
    const spec = series.get(query);
    if (!spec || spec.value === null) return [];
    return Array.from({ length: spec.series ?? 1 }, (_, i) => ({
      metric: {
        job: "api-optimizer",
        ...(spec.series && spec.series > 1 ? { instance: `10.0.0.${i + 1}:8080` } : {}),
      },
      value: [at, fmt(spec.value as number | "NaN")],
    }));
  }

  return createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const key = `${req.method} ${url.pathname}`;
    try {
      if (key === "GET /healthz" || key === "GET /-/ready") return send(res, 200, { ok: true });
      if (key === "GET /__double/series")
        return send(res, 200, { series: Object.fromEntries(series), queries });
      if (key === "POST /__double/series") {
        const body = JSON.parse((await readBody(req)) || "{}") as {
          query?: string;
          reset?: boolean;
        } & Partial<SeriesSpec>;
        if (body.reset) {
          series.clear();
          for (const [q, s] of Object.entries(DEFAULT_SERIES)) series.set(q, s);
        }
        if (body.query) {
          const ok = body.value === null || body.value === "NaN" || typeof body.value === "number";
          if (!ok) return send(res, 400, { error: 'value must be a number, null or "NaN"' });
          series.set(body.query, {
            value: body.value as SeriesSpec["value"],
            series: body.series,
            error: body.error,
          });
        }
        return send(res, 200, { series: Object.fromEntries(series) });
      }
      if (url.pathname === "/api/v1/query" && (req.method === "GET" || req.method === "POST")) {
        queries++;
        const p = await paramsOf(req, url);
        const query = p.get("query");
        if (!query)
          return badData(res, 'invalid parameter "query": 1:1: parse error: no expression found in input');
        const spec = series.get(query);
        if (spec?.error) return badData(res, `invalid parameter "query": ${spec.error}`);
        const at = p.has("time") ? Number(p.get("time")) : Date.now() / 1000;
        if (!Number.isFinite(at))
          return badData(
            res,
            `invalid parameter "time": cannot parse "${p.get("time")}" to a valid timestamp`,
          );
        return send(res, 200, {
          status: "success",
          data: { resultType: "vector", result: vectorFor(query, at) },
        });
      }
      if (url.pathname === "/api/v1/query_range" && (req.method === "GET" || req.method === "POST")) {
        queries++;
        const p = await paramsOf(req, url);
        const query = p.get("query");
        const [start, end, step] = ["start", "end", "step"].map((k) => Number(p.get(k)));
        if (!query)
          return badData(res, 'invalid parameter "query": 1:1: parse error: no expression found in input');
        if (![start, end, step].every(Number.isFinite) || step! <= 0 || end! < start!) {
          return badData(res, "invalid parameter: start, end and a positive step are required");
        }
        if ((end! - start!) / step! > 11_000)
          return badData(res, "exceeded maximum resolution of 11,000 points per timeseries");
        const spec = series.get(query);
        if (spec?.error) return badData(res, `invalid parameter "query": ${spec.error}`);
        const points: Array<[number, string]> = [];
        if (spec && spec.value !== null)
          for (let t = start!; t <= end!; t += step!) points.push([t, fmt(spec.value)]);
        const result = points.length
          ? vectorFor(query, 0).map((s) => ({ metric: s.metric, values: points }))
          : [];
        return send(res, 200, { status: "success", data: { resultType: "matrix", result } });
      }
      send(res, 404, { status: "error", errorType: "not_found", error: `no route ${key}` });
    } catch (e) {
      badData(res, String(e));
    }
  });
}
