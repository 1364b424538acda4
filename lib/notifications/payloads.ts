import type { Message } from "./message";
import type { ChannelKind, NotifyEvent } from "./types";

/** Slack's mrkdwn treats these three as control characters (Slack: "Formatting text"). */
function escapeSlack(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Block Kit for a Slack-compatible incoming webhook. `text` is always set: Slack shows it in
 * notifications, and Mattermost's Slack-compatible hooks render it (they ignore `blocks`). */
export function slackPayload(m: Message): Record<string, unknown> {
  const blocks: unknown[] = [
    { type: "header", text: { type: "plain_text", text: m.title.slice(0, 150), emoji: true } },
    {
      type: "section",
      fields: m.facts.map((f) => ({
        type: "mrkdwn",
        text: `*${escapeSlack(f.label)}*\n${escapeSlack(f.value)}`,
      })),
    },
  ];
  if (m.link)
    blocks.push({
      type: "actions",
      elements: [{ type: "button", text: { type: "plain_text", text: "Open the incident" }, url: m.link }],
    });
  return { text: escapeSlack(m.text), blocks };
}

/** A Teams Workflows webhook ("Post to a channel when a webhook request is received") takes a
 * message with one Adaptive Card attachment. */
export function teamsPayload(m: Message): Record<string, unknown> {
  const body: unknown[] = [
    { type: "TextBlock", text: m.title, weight: "Bolder", size: "Medium", wrap: true },
    { type: "TextBlock", text: m.text, wrap: true },
    { type: "FactSet", facts: m.facts.map((f) => ({ title: f.label, value: f.value })) },
  ];
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          body,
          ...(m.link
            ? { actions: [{ type: "Action.OpenUrl", title: "Open the incident", url: m.link }] }
            : {}),
        },
      },
    ],
  };
}

/** A signed webhook's body: the runbook's own payload for security containment (runbook 001 ·
 * Security Incident Response, step 4), otherwise a Standard Webhooks-style {type, timestamp, data}. */
export function signedPayload(event: NotifyEvent, m: Message, at: Date): Record<string, unknown> {
  if (event.type === "containment")
    return { severity: "high", type: "security_incident", component: event.incident.service };
  const data: Record<string, unknown> = { text: m.text, actor: event.actor };
  if (event.type !== "test") {
    data.incident = { ...event.incident, url: m.link };
    if (event.type === "status")
      Object.assign(data, { from: event.from, to: event.to, reason: event.reason });
  }
  return { type: `incident.${event.type}`, timestamp: at.toISOString(), data };
}

export function payloadFor(kind: ChannelKind, event: NotifyEvent, m: Message, at: Date): string {
  if (kind === "slack") return JSON.stringify(slackPayload(m));
  if (kind === "teams") return JSON.stringify(teamsPayload(m));
  return JSON.stringify(signedPayload(event, m, at));
}
