import "server-only";

import { openSecret, sealSecret } from "@/lib/crypto/key";
import { getDb } from "@/lib/db/client";

import { maskUrl } from "./rules";

/** What a channel's secrets are bound to when sealed (lib/crypto): a value moved from one column
 * to the other does not open. */
const URL_PURPOSE = "notification_channel.secret_url";
const SIGNING_PURPOSE = "notification_channel.signing_secret";

export type ChannelSecrets = { secretUrl: string; signingSecret: string | null };
type StoredChannel = { id: number; secretUrl: string; signingSecret: string | null; secretsSealed: boolean };

/** The columns to store for a channel's webhook URL and signing secret: sealed (AES-256-GCM). */
export function sealChannelSecrets(s: ChannelSecrets): ChannelSecrets & { secretsSealed: true } {
  return {
    secretUrl: sealSecret(s.secretUrl, URL_PURPOSE),
    signingSecret: s.signingSecret === null ? null : sealSecret(s.signingSecret, SIGNING_PURPOSE),
    secretsSealed: true,
  };
}

/**
 * A channel's secrets in the clear, for sending only (never for a page). A row stored before
 * sealing existed (secrets_sealed = false) is read in plaintext this once and written back
 * sealed; the update only applies while the row is still unsealed, so two readers seal it once.
 */
export async function openChannelSecrets(row: StoredChannel): Promise<ChannelSecrets> {
  if (row.secretsSealed)
    return {
      secretUrl: openSecret(row.secretUrl, URL_PURPOSE),
      signingSecret: row.signingSecret === null ? null : openSecret(row.signingSecret, SIGNING_PURPOSE),
    };
  const plain = { secretUrl: row.secretUrl, signingSecret: row.signingSecret };
  await getDb().notificationChannel.updateMany({
    where: { id: row.id, secretsSealed: false },
    data: sealChannelSecrets(plain),
  });
  return plain;
}

/** Seals every channel row still stored in plaintext (rows from before sealing). */
export async function sealLegacyChannels(): Promise<number> {
  const rows = await getDb().notificationChannel.findMany({
    where: { secretsSealed: false },
    select: { id: true, secretUrl: true, signingSecret: true, secretsSealed: true },
  });
  for (const row of rows) await openChannelSecrets(row);
  return rows.length;
}

/** A URL as it may be shown: scheme and host only. The sealed URL is opened to read them; when
 * it cannot be opened (another key), the stored host stands in. */
export function maskedChannelUrl(row: StoredChannel & { urlHost: string }): string {
  try {
    return maskUrl(row.secretsSealed ? openSecret(row.secretUrl, URL_PURPOSE) : row.secretUrl);
  } catch {
    return `…//${row.urlHost}/… (cannot be opened with the configured key)`;
  }
}
