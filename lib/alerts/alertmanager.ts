import "server-only";

import { AppError } from "@/lib/errors";
import { fetchOutbound, OutboundError } from "@/lib/net/outbound";

/** Alertmanager's v2 API, the part Firebreak uses: creating a silence. */
export type SilenceRequest = {
  matchers: Array<{ name: string; value: string }>;
  createdBy: string;
  comment: string;
  minutes: number;
};

const TIMEOUT_MS = 5_000;

export async function createSilence(baseUrl: string, req: SilenceRequest, now = new Date()): Promise<string> {
  const body = {
    matchers: req.matchers.map((m) => ({ name: m.name, value: m.value, isRegex: false, isEqual: true })),
    startsAt: now.toISOString(),
    endsAt: new Date(now.getTime() + req.minutes * 60_000).toISOString(),
    createdBy: req.createdBy,
    comment: req.comment,
  };
  const res = await call(`${trim(baseUrl)}/api/v2/silences`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = res.json as { silenceID?: unknown } | null;
  if (!res.ok || typeof json?.silenceID !== "string")
    throw new AppError("UPSTREAM_FAILED", `Alertmanager refused the silence (HTTP ${res.status}).`);
  return json.silenceID;
}

/** Prometheus's admin API: `POST /api/v1/admin/tsdb/snapshot` (runbook 001 · Backup and
 * Recovery, monitoring data backup). Needs `--web.enable-admin-api` on the server. */
export async function snapshotTsdb(baseUrl: string): Promise<string> {
  const res = await call(`${trim(baseUrl)}/api/v1/admin/tsdb/snapshot`, { method: "POST" });
  const json = res.json as { status?: string; data?: { name?: unknown } } | null;
  if (!res.ok || json?.status !== "success" || typeof json.data?.name !== "string")
    throw new AppError(
      "UPSTREAM_FAILED",
      res.status === 404 || res.status === 405
        ? "Prometheus refused the snapshot: start it with --web.enable-admin-api."
        : `Prometheus refused the snapshot (HTTP ${res.status}).`,
    );
  return json.data.name;
}

type Answer = { ok: boolean; status: number; json: unknown };

/** Through lib/net: address policy, no redirects, a body cap, a timeout; the body never echoed. */
async function call(
  url: string,
  init: { method: "POST"; headers?: Record<string, string>; body?: string },
): Promise<Answer> {
  try {
    const res = await fetchOutbound(url, { ...init, timeoutMs: TIMEOUT_MS });
    let json: unknown = null;
    try {
      json = JSON.parse(res.body.toString("utf8"));
    } catch {
      json = null;
    }
    return { ok: res.status >= 200 && res.status < 300, status: res.status, json };
  } catch (e) {
    if (e instanceof OutboundError)
      throw new AppError(e.reason === "timeout" ? "TIMEOUT" : "UPSTREAM_FAILED", e.message);
    throw e;
  }
}

function trim(url: string): string {
  return url.replace(/\/+$/, "");
}
