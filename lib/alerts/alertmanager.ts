import "server-only";

import { AppError } from "@/lib/errors";

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
  const json = (await readJson(res)) as { silenceID?: unknown };
  if (!res.ok || typeof json?.silenceID !== "string")
    throw new AppError("UPSTREAM_FAILED", `Alertmanager refused the silence (HTTP ${res.status}).`);
  return json.silenceID;
}

/** Prometheus's admin API: `POST /api/v1/admin/tsdb/snapshot` (runbook 001 · Backup and
 * Recovery, monitoring data backup). Needs `--web.enable-admin-api` on the server. */
export async function snapshotTsdb(baseUrl: string): Promise<string> {
  const res = await call(`${trim(baseUrl)}/api/v1/admin/tsdb/snapshot`, { method: "POST" });
  const json = (await readJson(res)) as { status?: string; data?: { name?: unknown } };
  if (!res.ok || json?.status !== "success" || typeof json.data?.name !== "string")
    throw new AppError(
      "UPSTREAM_FAILED",
      res.status === 404 || res.status === 405
        ? "Prometheus refused the snapshot: start it with --web.enable-admin-api."
        : `Prometheus refused the snapshot (HTTP ${res.status}).`,
    );
  return json.data.name;
}

async function call(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (e) {
    const timedOut = (e as Error).name === "TimeoutError";
    throw new AppError(
      timedOut ? "TIMEOUT" : "UPSTREAM_FAILED",
      timedOut
        ? `No answer from ${new URL(url).host} within ${TIMEOUT_MS / 1000} s.`
        : `${new URL(url).host} is unreachable.`,
    );
  }
}

/** Small JSON answers only; anything else is treated as no answer (never echoed). */
async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (text.length > 100_000) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function trim(url: string): string {
  return url.replace(/\/+$/, "");
}
