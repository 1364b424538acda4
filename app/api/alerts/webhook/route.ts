import { receiveAlerts } from "@/lib/alerts/intake";
import { readCappedBody } from "@/lib/alerts/read-body";
import { hasValidBearer, hasValidSignature } from "@/lib/alerts/webhook-auth";
import { describeIssue, webhookPayloadSchema } from "@/lib/alerts/webhook-schema";
import { getEnv } from "@/lib/env";
import { errorResponse, jsonError, NO_STORE } from "@/lib/route-handler";

export const dynamic = "force-dynamic";

/** 1 MB: Alertmanager's groups are far smaller; anything bigger is refused unread. */
const MAX_BODY = 1_000_000;

/**
 * POST /api/alerts/webhook — Alertmanager's (or Grafana's compatible) webhook receiver. Not a
 * signed-in person but a machine, so it is authenticated by the configured bearer token or HMAC
 * (never by a session) before the payload is parsed. 401 without them, 413 past 1 MB, 400 with
 * the JSON path of the first problem; nothing is stored unless the whole payload is valid.
 */
export async function POST(request: Request): Promise<Response> {
  const env = getEnv();
  const bearer = hasValidBearer(request.headers, env.ALERT_WEBHOOK_TOKEN);
  // Without a valid token the body is read only to check its signature, and only when a secret is set.
  if (!bearer && !env.ALERT_WEBHOOK_HMAC_SECRET)
    return jsonError(401, "Missing or wrong webhook credentials.");
  const body = await readCappedBody(request, MAX_BODY);
  if (body === null) return jsonError(413, "Payload over 1 MB refused.");
  if (!bearer && !hasValidSignature(request.headers, body, env.ALERT_WEBHOOK_HMAC_SECRET))
    return jsonError(401, "Missing or wrong webhook credentials.");
  let json: unknown;
  try {
    json = JSON.parse(body.toString("utf8"));
  } catch {
    return jsonError(400, "(root): body is not JSON");
  }
  const parsed = webhookPayloadSchema.safeParse(json);
  if (!parsed.success) return jsonError(400, describeIssue(parsed.error));
  try {
    return Response.json(await receiveAlerts(parsed.data), { headers: NO_STORE });
  } catch (e) {
    return errorResponse(e, "alert webhook");
  }
}
