import "server-only";
import { z } from "zod";

import { recordActionAudit } from "@/lib/audit/action-audit";
import { getActor } from "@/lib/auth/actor";
import { can, type Actor, type Permission } from "@/lib/auth/permissions";
import { logEvent } from "@/lib/telemetry/log";
import { timedRoute } from "@/lib/telemetry/record";
import { REQUEST_ID_HEADER } from "@/lib/telemetry/request-id";
import { isAppError, isDatabaseUnreachable, type AppErrorCode } from "./errors";

/** The one mapping from an expected failure to an HTTP status, for every route handler. */
export const HTTP_STATUS: Record<AppErrorCode, number> = {
  INVALID_INPUT: 400,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TIMEOUT: 504,
  UPSTREAM_FAILED: 502,
  UNAVAILABLE: 503,
};

export const NO_STORE = { "Cache-Control": "no-store" } as const;

export type RouteContext<P, Q> = { actor: Actor; params: P; query: Q; request: Request };

type RouteOptions<PS extends z.ZodType, QS extends z.ZodType> = {
  /** What the caller must be allowed to do; checked before any input is read. */
  permission: Permission;
  /** Dynamic segments (`[id]`), parsed with zod. */
  params?: PS;
  /** Search parameters; repeated keys arrive as arrays. */
  query?: QS;
  /** Used in the log line of an unexpected failure. */
  name: string;
};

type Handler<PS extends z.ZodType, QS extends z.ZodType> = (
  ctx: RouteContext<z.infer<PS>, z.infer<QS>>,
) => Promise<Response | unknown>;

/**
 * Every route handler under app/api: who is calling (401 without a session), may they (403),
 * is the input valid (400 with the zod paths), then the handler; AppErrors map through
 * HTTP_STATUS, an unreachable database is 503, anything else is logged and answered 500 with a
 * generic message. A handler returns plain data (sent as JSON, no-store) or its own Response.
 */
export function defineRoute<PS extends z.ZodType = z.ZodUnknown, QS extends z.ZodType = z.ZodUnknown>(
  options: RouteOptions<PS, QS>,
  handler: Handler<PS, QS>,
): (
  request: Request,
  segment?: { params?: Promise<Record<string, string | string[]>> },
) => Promise<Response> {
  return timedRoute(options.name, async (request, segment) => {
    const actor = await getActor();
    if (!actor) return jsonError(401, "Sign in first.");
    if (!can(actor, options.permission)) return jsonError(403, "Your role does not allow this.");
    const params = (options.params ?? z.unknown()).safeParse((await segment?.params) ?? {});
    const query = (options.query ?? z.unknown()).safeParse(searchParamsObject(request));
    if (!params.success || !query.success) {
      const issues = [...(params.error?.issues ?? []), ...(query.error?.issues ?? [])];
      return Response.json(
        {
          error: issues.map((i) => i.message).join("; "),
          issues: issues.map((i) => ({ path: i.path.join("."), message: i.message })),
        },
        { status: 400, headers: NO_STORE },
      );
    }
    let response: Response;
    try {
      const out = await handler({
        actor,
        params: params.data as z.infer<PS>,
        query: query.data as z.infer<QS>,
        request,
      });
      response = out instanceof Response ? out : Response.json(out, { headers: NO_STORE });
    } catch (e) {
      response = errorResponse(e, options.name, request.headers.get(REQUEST_ID_HEADER));
    }
    // Writes (anything but GET/HEAD) leave one audit row, like server actions.
    if (request.method !== "GET" && request.method !== "HEAD") {
      const failed = response.ok ? null : `HTTP ${response.status}`;
      await recordActionAudit(
        actor,
        `route ${options.name}`,
        { ...(params.data as object), ...(query.data as object) },
        failed,
      );
    }
    return response;
  });
}

export function errorResponse(e: unknown, name: string, requestId?: string | null): Response {
  if (isAppError(e)) return jsonError(HTTP_STATUS[e.code], e.message, e.fieldErrors);
  if (isDatabaseUnreachable(e)) return jsonError(503, "The database is unreachable; try again.");
  logEvent("error", `${name} failed`, { route: name, requestId: requestId ?? undefined, error: e });
  return jsonError(500, "Something went wrong; nothing was changed.");
}

export function jsonError(status: number, error: string, fieldErrors?: Record<string, string[]>): Response {
  return Response.json(fieldErrors ? { error, fieldErrors } : { error }, { status, headers: NO_STORE });
}

function searchParamsObject(request: Request): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const sp = new URL(request.url).searchParams;
  for (const key of new Set(sp.keys())) {
    const all = sp.getAll(key);
    out[key] = all.length > 1 ? all : (all[0] ?? "");
  }
  return out;
}
