import "server-only";

import { AppError } from "@/lib/errors";
import { fetchOutbound, OutboundError, type OutboundResponse } from "@/lib/net/outbound";

/** The optimizer's cache endpoints (runbook 001 · Weekly Maintenance step 1, Backup Procedures
 * step 2, Recovery Procedures step 2), through lib/net: checked address, no redirects, capped
 * body, a timeout on every call. */
export const CACHE_CALL_TIMEOUT_MS = 10_000;

async function post(baseUrl: string, path: string, body?: string): Promise<OutboundResponse> {
  try {
    return await fetchOutbound(`${baseUrl}${path}`, {
      method: "POST",
      timeoutMs: CACHE_CALL_TIMEOUT_MS,
      headers: {
        accept: "application/json",
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      body,
    });
  } catch (e) {
    const timedOut = e instanceof OutboundError && e.reason === "timeout";
    throw new AppError(
      timedOut ? "TIMEOUT" : "UNAVAILABLE",
      `The optimizer did not answer POST ${path} (${e instanceof Error ? e.message : String(e)}).`,
    );
  }
}

function refuseNon2xx(res: OutboundResponse, path: string): void {
  if (res.status < 200 || res.status > 299)
    throw new AppError("UPSTREAM_FAILED", `The optimizer answered ${res.status} to POST ${path}.`);
}

/** `POST /cache/optimize`: no body; the runbook ignores the answer, so only its status counts. */
export async function optimizeCache(baseUrl: string): Promise<{ status: number }> {
  const res = await post(baseUrl, "/cache/optimize");
  refuseNon2xx(res, "/cache/optimize");
  return { status: res.status };
}

/** `POST /cache/snapshot`: the answer is the snapshot, kept byte for byte (it must be JSON). */
export async function takeCacheSnapshot(baseUrl: string): Promise<{ body: string; entryCount: number }> {
  const res = await post(baseUrl, "/cache/snapshot");
  refuseNon2xx(res, "/cache/snapshot");
  const body = res.body.toString("utf8");
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new AppError("UPSTREAM_FAILED", "The optimizer's snapshot is not JSON; nothing was kept.");
  }
  if (json === null || typeof json !== "object" || Array.isArray(json))
    throw new AppError("UPSTREAM_FAILED", "The optimizer's snapshot is not a JSON object; nothing was kept.");
  const o = json as { entries?: unknown; size?: unknown };
  const entryCount = Array.isArray(o.entries) ? o.entries.length : typeof o.size === "number" ? o.size : 0;
  return { body, entryCount };
}

/** `POST /cache/restore` with `Content-Type: application/json` and a snapshot as the body. */
export async function restoreCacheSnapshot(baseUrl: string, body: string): Promise<{ status: number }> {
  const res = await post(baseUrl, "/cache/restore", body);
  refuseNon2xx(res, "/cache/restore");
  return { status: res.status };
}
