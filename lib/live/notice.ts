import { z } from "zod";

/** The Postgres channel every change a viewer should see is announced on (triggers in the
 * live_notify migration). One channel for all incidents: each process filters per subscriber. */
export const LIVE_CHANNEL = "firebreak_live";

export const LIVE_TOPICS = ["timeline", "incident", "action", "playbook"] as const;
export type LiveTopic = (typeof LIVE_TOPICS)[number];

/** What changed, never its content: viewers read the change through the usual authorized reads. */
export type LiveNotice = { incidentId: number; topic: LiveTopic; rowId: number; kind: string | null };

const payloadSchema = z.object({
  i: z.number().int().positive(),
  t: z.enum(LIVE_TOPICS),
  e: z.number().int().positive(),
  k: z.string().max(64).nullable().optional(),
});

/** Null for a payload the triggers did not write (anyone may NOTIFY on a channel). */
export function parseNotice(payload: string | undefined): LiveNotice | null {
  if (!payload || payload.length > 1_000) return null;
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch {
    return null;
  }
  const p = payloadSchema.safeParse(json);
  return p.success
    ? { incidentId: p.data.i, topic: p.data.t, rowId: p.data.e, kind: p.data.k ?? null }
    : null;
}

/** The channel a session ending or a person's roles changing is announced on (triggers in the
 * auth_notify migration): each process drops that person from its session cache. */
export const AUTH_CHANNEL = "firebreak_auth";

const authPayloadSchema = z.object({ u: z.string().min(1).max(200) });

/** The person whose sessions or roles changed; null for a payload the triggers did not write. */
export function parseAuthNotice(payload: string | undefined): string | null {
  if (!payload || payload.length > 1_000) return null;
  try {
    const p = authPayloadSchema.safeParse(JSON.parse(payload));
    return p.success ? p.data.u : null;
  } catch {
    return null;
  }
}

/** The wait before reconnect attempt `attempt` (0-based): doubling from 250 ms to 30 s, with
 * ±20 % jitter so the replicas of a restarted database do not all reconnect in the same instant. */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 250 * 2 ** Math.min(attempt, 10));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** One Server-Sent Events message (text/event-stream framing; data is one JSON line). */
export function sseMessage(message: { id?: string; event?: string; data: unknown }): string {
  let out = "";
  if (message.id) out += `id: ${message.id.replace(/[\r\n]/g, "")}\n`;
  if (message.event) out += `event: ${message.event.replace(/[\r\n]/g, "")}\n`;
  return `${out}data: ${JSON.stringify(message.data)}\n\n`;
}

/** An SSE comment: ignored by EventSource, keeps proxies and load balancers from timing out. */
export function sseComment(text: string): string {
  return `: ${text.replace(/[\r\n]/g, " ")}\n\n`;
}
