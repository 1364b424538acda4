import { describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";

import { buildMessage } from "./message";
import { payloadFor, signedPayload, slackPayload, teamsPayload } from "./payloads";
import { generateSigningSecret, isSigningSecret, signatureHeaders } from "./signing";
import type { IncidentSnapshot, NotifyEvent } from "./types";

const incident: IncidentSnapshot = {
  id: 12,
  title: "p95 <50ms> & errors",
  severity: "SEV0",
  status: "declared",
  service: "api-optimizer",
  commander: "Cora Commander",
};
const declared: NotifyEvent = { type: "declared", incident, actor: "Cora Commander" };
const AT = new Date("2026-11-28T09:30:00Z");

describe("notification payloads", () => {
  it("builds a Slack Block Kit message with SEV, title, commander and link, and always a plain text", () => {
    const p = slackPayload(buildMessage(declared, "https://firebreak.example/"));
    expect(p.text).toBe(
      "SEV-0 declared on api-optimizer: #12 p95 &lt;50ms&gt; &amp; errors. Commander: Cora Commander. https://firebreak.example/incidents/12",
    );
    const blocks = p.blocks as Array<Record<string, unknown>>;
    expect(blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "SEV-0 declared: p95 <50ms> & errors", emoji: true },
    });
    expect(JSON.stringify(blocks[1])).toContain("*Commander*\\nCora Commander");
    expect(blocks[2]).toMatchObject({
      type: "actions",
      elements: [{ url: "https://firebreak.example/incidents/12" }],
    });
  });

  it("leaves the link out when the console's public URL is not configured", () => {
    const p = slackPayload(buildMessage(declared, undefined));
    expect(p.text).not.toContain("http");
    expect((p.blocks as unknown[]).length).toBe(2);
  });

  it("builds a Teams Workflows message with one Adaptive Card", () => {
    const p = teamsPayload(buildMessage(declared, "https://firebreak.example"));
    expect(p).toMatchObject({
      type: "message",
      attachments: [
        {
          contentType: "application/vnd.microsoft.card.adaptive",
          content: {
            type: "AdaptiveCard",
            version: "1.4",
            actions: [{ type: "Action.OpenUrl", url: "https://firebreak.example/incidents/12" }],
          },
        },
      ],
    });
    expect(JSON.stringify(p)).toContain('{"title":"Commander","value":"Cora Commander"}');
  });

  it("sends the runbook's security payload to a signed webhook on containment", () => {
    const event: NotifyEvent = { type: "containment", incident, actor: "Sam", detail: "scaled to 0" };
    expect(JSON.parse(payloadFor("signed", event, buildMessage(event, null), AT))).toEqual({
      severity: "high",
      type: "security_incident",
      component: "api-optimizer",
    });
  });

  it("describes a status change and a resolution in words", () => {
    const status = (to: string): NotifyEvent => ({
      type: "status",
      incident,
      actor: "Cora",
      from: "mitigated",
      to,
      reason: to === "resolved" ? "rolled back" : null,
    });
    expect(buildMessage(status("resolved"), null).text).toBe(
      "SEV-0 #12 p95 <50ms> & errors resolved by Cora (rolled back).",
    );
    expect(buildMessage(status("closed"), null).title).toBe("SEV-0 closed: p95 <50ms> & errors");
    expect(signedPayload(status("resolved"), buildMessage(status("resolved"), null), AT)).toMatchObject({
      type: "incident.status",
      timestamp: "2026-11-28T09:30:00.000Z",
      data: { from: "mitigated", to: "resolved", reason: "rolled back", incident: { id: 12 } },
    });
  });

  it("signs with Standard Webhooks headers that the reference library verifies", () => {
    const secret = generateSigningSecret();
    expect(isSigningSecret(secret)).toBe(true);
    const body = JSON.stringify({ hello: "world" });
    const now = new Date();
    const headers = signatureHeaders(secret, "msg_1", body, now);
    expect(headers["webhook-timestamp"]).toBe(String(Math.floor(now.getTime() / 1000)));
    expect(() => new Webhook(secret).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow();
  });

  it("refuses signing secrets that are not base64 of at least 24 bytes", () => {
    expect(isSigningSecret("whsec_short")).toBe(false);
    expect(isSigningSecret("whsec_not base64 at all!!")).toBe(false);
    expect(isSigningSecret(`whsec_${Buffer.alloc(32, 1).toString("base64")}`)).toBe(true);
  });
});
