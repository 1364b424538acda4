import "server-only";

import { getDb } from "@/lib/db/client";
import { AppError, guardDb } from "@/lib/errors";
import { checkOutboundUrl } from "@/lib/net/outbound";

import { maskedChannelUrl, sealChannelSecrets, sealLegacyChannels } from "./channel-secrets";
import { generateSigningSecret } from "./signing";
import type { CreateChannelInput } from "./schemas";
import type { Audience, ChannelKind, DeliveryStatus } from "./types";

/** A channel as pages see it: the URL masked to its host, the signing secret never. */
export type ChannelView = {
  id: number;
  name: string;
  kind: ChannelKind;
  audience: Audience;
  maskedUrl: string;
  signed: boolean;
  enabled: boolean;
  createdBy: string;
  createdAt: Date;
  last: {
    status: DeliveryStatus;
    event: string;
    at: Date;
    statusCode: number | null;
    error: string | null;
  } | null;
};

/** Saves a channel after checking its URL against the outbound address policy. A signed webhook
 * without a given secret gets a new one, returned once (shown to the admin, never again). */
export async function createChannel(
  input: CreateChannelInput,
  actor: { name: string },
): Promise<{ id: number; signingSecret: string | null }> {
  const refused = await checkOutboundUrl(input.secretUrl);
  if (refused)
    throw new AppError("INVALID_INPUT", `Firebreak may not send there: ${refused}`, { secretUrl: [refused] });
  const signingSecret = input.kind === "signed" ? (input.signingSecret ?? generateSigningSecret()) : null;
  const db = getDb();
  const taken = await guardDb(() => db.notificationChannel.findUnique({ where: { name: input.name } }));
  if (taken)
    throw new AppError("CONFLICT", `A channel named ${input.name} exists.`, { name: ["Name taken"] });
  const row = await guardDb(() =>
    db.notificationChannel.create({
      data: {
        name: input.name,
        kind: input.kind,
        audience: input.audience,
        // Stored sealed (AES-256-GCM with FIREBREAK_SECRET_KEY); only sending opens them.
        ...sealChannelSecrets({ secretUrl: input.secretUrl, signingSecret }),
        urlHost: new URL(input.secretUrl).host,
        createdBy: actor.name,
      },
      select: { id: true },
    }),
  );
  return { id: row.id, signingSecret: input.signingSecret ? null : signingSecret };
}

export async function setChannelEnabled(channelId: number, enabled: boolean): Promise<void> {
  const { count } = await guardDb(() =>
    getDb().notificationChannel.updateMany({ where: { id: channelId }, data: { enabled } }),
  );
  if (count === 0) throw new AppError("NOT_FOUND", `Channel ${channelId} does not exist.`);
}

export async function deleteChannel(channelId: number): Promise<void> {
  const { count } = await guardDb(() => getDb().notificationChannel.deleteMany({ where: { id: channelId } }));
  if (count === 0) throw new AppError("NOT_FOUND", `Channel ${channelId} does not exist.`);
}

export async function listChannels(): Promise<ChannelView[]> {
  await guardDb(() => sealLegacyChannels());
  const rows = await guardDb(() =>
    getDb().notificationChannel.findMany({
      orderBy: { id: "asc" },
      select: {
        id: true,
        name: true,
        kind: true,
        audience: true,
        secretUrl: true,
        signingSecret: true,
        secretsSealed: true,
        urlHost: true,
        enabled: true,
        createdBy: true,
        createdAt: true,
        deliveries: {
          orderBy: { id: "desc" },
          take: 1,
          select: { status: true, event: true, createdAt: true, lastStatusCode: true, lastError: true },
        },
      },
    }),
  );
  return rows.map(({ secretUrl, signingSecret, secretsSealed, urlHost, deliveries, ...r }) => {
    const d = deliveries[0];
    return {
      ...r,
      kind: r.kind as ChannelKind,
      audience: r.audience as Audience,
      maskedUrl: maskedChannelUrl({ id: r.id, secretUrl, signingSecret, secretsSealed, urlHost }),
      signed: signingSecret !== null,
      last: d
        ? {
            status: d.status as DeliveryStatus,
            event: d.event,
            at: d.createdAt,
            statusCode: d.lastStatusCode,
            error: d.lastError,
          }
        : null,
    };
  });
}
