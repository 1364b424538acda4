import "server-only";
import { randomUUID } from "node:crypto";

import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { enqueueJob } from "@/lib/jobs/queue";
import type { Severity } from "@/lib/runbook/sev-levels";

import { buildMessage } from "./message";
import { payloadFor } from "./payloads";
import { channelsFor } from "./rules";
import type { ChannelKind, ChannelRef, IncidentSnapshot, NotifyEvent } from "./types";

export const DELIVER_JOB = "notification.deliver";

/** Reads an incident as the notification rules need it (with its commander). */
export async function incidentSnapshot(incidentId: number): Promise<IncidentSnapshot | null> {
  const row = await getDb().incident.findUnique({
    where: { id: incidentId },
    select: {
      id: true,
      title: true,
      severity: true,
      status: true,
      service: true,
      roles: { where: { role: "incident_commander" }, select: { person: true } },
    },
  });
  if (!row) return null;
  const { roles, ...rest } = row;
  return { ...rest, severity: rest.severity as Severity, commander: roles[0]?.person ?? null };
}

/** Queues the event's deliveries per the rules (lib/notifications/rules.ts); returns their ids. */
export async function notify(event: NotifyEvent): Promise<number[]> {
  const db = getDb();
  const channels = (await db.notificationChannel.findMany({
    select: { id: true, name: true, kind: true, audience: true, enabled: true },
  })) as ChannelRef[];
  let announcedTo: number[] = [];
  if (event.type === "status") {
    const rows = await db.notificationDelivery.findMany({
      where: { incidentId: event.incident.id, event: "declared" },
      distinct: ["channelId"],
      select: { channelId: true },
    });
    // The declaration's deliveries may not be queued yet (both hooks run after their commits,
    // in the background), so the channels the declaration rule picks for this incident count
    // as announced too: a quick status change right after declaring is never lost.
    const byRule = channelsFor({ type: "declared", incident: event.incident, actor: event.actor }, channels);
    announcedTo = [...rows.map((r) => r.channelId), ...byRule.map((c) => c.id)];
  }
  const ids: number[] = [];
  for (const channel of channelsFor(event, channels, announcedTo))
    ids.push(await queueDelivery(channel, event));
  return ids;
}

/** A test send to one channel (the settings page's button), enabled or not. */
export async function sendTestNotification(channelId: number, actor: { name: string }): Promise<number> {
  const channel = await getDb().notificationChannel.findUnique({
    where: { id: channelId },
    select: { id: true, name: true, kind: true, audience: true, enabled: true },
  });
  if (!channel) throw new AppError("NOT_FOUND", `Channel ${channelId} does not exist.`);
  return queueDelivery(channel as ChannelRef, { type: "test", actor: actor.name });
}

/** Stores the delivery with its exact body, then queues its job. A queue that cannot be reached
 * leaves the delivery pending with the reason; the incident write is never affected. */
async function queueDelivery(
  channel: { id: number; kind: ChannelKind },
  event: NotifyEvent,
): Promise<number> {
  const env = getEnv();
  const now = new Date();
  const message = buildMessage(event, env.FIREBREAK_URL);
  const delivery = await getDb().notificationDelivery.create({
    data: {
      channelId: channel.id,
      incidentId: event.type === "test" ? null : event.incident.id,
      event: event.type,
      summary: message.text.slice(0, 300),
      body: payloadFor(channel.kind, event, message, now),
      webhookId: `msg_${randomUUID()}`,
      maxAttempts: env.NOTIFY_RETRY_LIMIT + 1,
    },
    select: { id: true },
  });
  try {
    await enqueueJob(
      DELIVER_JOB,
      { deliveryId: delivery.id },
      {
        singletonKey: `notify:${delivery.id}`,
        retryLimit: env.NOTIFY_RETRY_LIMIT,
        retryBackoff: true,
        retryDelaySeconds: env.NOTIFY_RETRY_DELAY_SECONDS,
      },
    );
  } catch (e) {
    await getDb().notificationDelivery.update({
      where: { id: delivery.id },
      data: { lastError: `not queued yet: ${(e as Error).message.split("\n")[0]}` },
    });
    console.error(`[notifications] could not queue delivery ${delivery.id}`, e);
  }
  return delivery.id;
}
