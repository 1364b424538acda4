import "server-only";

import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { appendTimelineEvent } from "@/lib/incidents/events";
import { fetchOutbound, OutboundError } from "@/lib/net/outbound";
import { recordNotificationAttempt } from "@/lib/telemetry/record";

import { openChannelSecrets } from "./channel-secrets";
import { signatureHeaders } from "./signing";

export type AttemptResult = {
  outcome: "sent" | "failed";
  final: boolean;
  statusCode: number | null;
  error: string | null;
};

/**
 * One attempt of one delivery (the job handler's body). Idempotent: a delivery already sent or
 * given up is left alone. The POST goes through lib/net (address policy, no redirects, timeout);
 * only the status is read. Every attempt is recorded; a 2xx is "sent", anything else "failed",
 * retried by the queue until the delivery's attempts run out, then recorded as failed with the
 * last status code. The final outcome goes on the incident's timeline as automation (data.auto),
 * so it never counts as a responder's response.
 */
export async function attemptDelivery(deliveryId: number): Promise<AttemptResult | null> {
  const db = getDb();
  const d = await db.notificationDelivery.findUnique({
    where: { id: deliveryId },
    include: { channel: true },
  });
  if (!d || d.status === "sent" || d.status === "failed") return null;
  const attempt = d.attempts + 1;
  const at = new Date();
  let statusCode: number | null = null;
  let error: string | null = null;
  const t0 = performance.now();
  try {
    // Opened for this request only (sealed at rest, lib/crypto); a key that cannot open them
    // fails the attempt like any other error, without quoting them.
    const secrets = await openChannelSecrets(d.channel);
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "user-agent": "Firebreak-Notifications/1",
      ...(d.channel.kind === "signed" && secrets.signingSecret
        ? signatureHeaders(secrets.signingSecret, d.webhookId, d.body, at)
        : {}),
    };
    const res = await fetchOutbound(secrets.secretUrl, {
      method: "POST",
      headers,
      body: d.body,
      timeoutMs: getEnv().NOTIFY_TIMEOUT_MS,
      discardBody: true,
    });
    statusCode = res.status;
    if (res.status < 200 || res.status >= 300) error = `answered ${res.status}`;
  } catch (e) {
    error = e instanceof OutboundError ? e.message : `request failed: ${(e as Error).message}`;
  }
  const outcome = error === null ? "sent" : "failed";
  const final = outcome === "sent" || attempt >= d.maxAttempts;
  recordNotificationAttempt(d.channel.kind, outcome === "sent" ? "sent" : final ? "failed" : "retrying");
  const durationMs = Math.round(performance.now() - t0);
  await db.$transaction([
    db.notificationAttempt.create({
      data: { deliveryId, attempt, outcome, statusCode, error, durationMs, at },
    }),
    db.notificationDelivery.update({
      where: { id: deliveryId },
      data: {
        attempts: attempt,
        status: outcome === "sent" ? "sent" : final ? "failed" : "retrying",
        lastStatusCode: statusCode,
        lastError: error,
        ...(final ? { finishedAt: new Date() } : {}),
      },
    }),
  ]);
  if (final && d.incidentId !== null) {
    const tries = attempt === 1 ? "" : ` after ${attempt} attempts`;
    await appendTimelineEvent({
      incidentId: d.incidentId,
      kind: "action",
      actor: "Firebreak",
      body:
        outcome === "sent"
          ? `Notified ${d.channel.name} (${d.event})${tries}`
          : `Notification to ${d.channel.name} (${d.event}) FAILED${tries}: ${error}`,
      data: {
        auto: true,
        notification: deliveryId,
        channel: d.channel.name,
        outcome,
        statusCode,
        attempts: attempt,
      },
    }).catch((e: unknown) => console.error(`[notifications] timeline event of delivery ${deliveryId}`, e));
  }
  return { outcome, final, statusCode, error };
}
