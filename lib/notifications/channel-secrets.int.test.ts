import { beforeAll, describe, expect, it } from "vitest";

import { setupAppDatabase } from "@/lib/testing/app-database";

// Notification channel secrets at rest: sealed on write, a pre-sealing plaintext row read once
// and sealed, never shown back in full.
process.env.OUTBOUND_ALLOW_CIDRS = "127.0.0.0/8";
const URL = "http://127.0.0.1:9/services/T000/B000/very-secret-token";
const SIGNING = `whsec_${Buffer.from("firebreak-notification-test-secret").toString("base64")}`;

setupAppDatabase();
let channels: typeof import("./channels");
let secrets: typeof import("./channel-secrets");
let getDb: typeof import("@/lib/db/client").getDb;
beforeAll(async () => {
  channels = await import("./channels");
  secrets = await import("./channel-secrets");
  getDb = (await import("@/lib/db/client")).getDb;
});

describe("notification channel secrets", () => {
  it("are stored sealed, open only for sending, and the page sees scheme and host only", async () => {
    const { id } = await channels.createChannel(
      { name: "sec-hook", kind: "signed", audience: "security", secretUrl: URL, signingSecret: SIGNING },
      { name: "Ada Admin" },
    );
    const row = await getDb().notificationChannel.findUniqueOrThrow({ where: { id } });
    expect(row.secretsSealed).toBe(true);
    for (const stored of [row.secretUrl, row.signingSecret!]) {
      expect(stored.startsWith("fbx1.")).toBe(true);
      expect(stored).not.toContain("very-secret-token");
      expect(stored).not.toContain("whsec_");
    }
    expect(await secrets.openChannelSecrets(row)).toEqual({ secretUrl: URL, signingSecret: SIGNING });
    const [view] = await channels.listChannels();
    expect(view).toMatchObject({ maskedUrl: "http://127.0.0.1:9/…", signed: true });
    expect(JSON.stringify(view)).not.toContain("very-secret-token");
  });

  it("reads a row stored before sealing in plaintext once, then keeps it sealed", async () => {
    await getDb().$executeRaw`
      INSERT INTO notification_channels (name, kind, audience, secret_url, url_host, signing_secret, created_by)
      VALUES ('legacy', 'signed', 'technical', ${URL}, '127.0.0.1:9', ${SIGNING}, 'Ada Admin')`;
    const legacy = await getDb().notificationChannel.findUniqueOrThrow({ where: { name: "legacy" } });
    expect(legacy.secretsSealed).toBe(false);
    expect(await secrets.openChannelSecrets(legacy)).toEqual({ secretUrl: URL, signingSecret: SIGNING });
    const after = await getDb().notificationChannel.findUniqueOrThrow({ where: { name: "legacy" } });
    expect(after.secretsSealed).toBe(true);
    expect(after.secretUrl).not.toContain("very-secret-token");
    expect(await secrets.openChannelSecrets(after)).toEqual({ secretUrl: URL, signingSecret: SIGNING });
  });

  it("the channel list seals every legacy row it finds", async () => {
    await getDb().$executeRaw`
      INSERT INTO notification_channels (name, kind, audience, secret_url, url_host, created_by)
      VALUES ('legacy-slack', 'slack', 'stakeholders', ${URL}, '127.0.0.1:9', 'Ada Admin')`;
    const views = await channels.listChannels();
    expect(views.find((v) => v.name === "legacy-slack")?.maskedUrl).toBe("http://127.0.0.1:9/…");
    const unsealed = await getDb().notificationChannel.count({ where: { secretsSealed: false } });
    expect(unsealed).toBe(0);
  });
});
