import type { Severity } from "@/lib/runbook/sev-levels";

export const CHANNEL_KINDS = ["slack", "teams", "signed"] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];
export const CHANNEL_KIND_LABELS: Record<ChannelKind, string> = {
  slack: "Slack-compatible incoming webhook (Slack, Mattermost)",
  teams: "Microsoft Teams Workflows webhook",
  signed: "Signed webhook (Standard Webhooks)",
};

/** Who a channel reaches (runbook 001 · Severity Levels: SEV-0 "Notify all stakeholders", SEV-1
 * "Notify technical stakeholders"; Security Procedures: "Notify security team"). */
export const AUDIENCES = ["stakeholders", "technical", "security"] as const;
export type Audience = (typeof AUDIENCES)[number];
export const AUDIENCE_LABELS: Record<Audience, string> = {
  stakeholders: "All stakeholders (SEV-0)",
  technical: "Technical stakeholders (SEV-0 and SEV-1)",
  security: "Security team (containment)",
};

/** What happened to an incident, as the notification rules see it. */
export type IncidentSnapshot = {
  id: number;
  title: string;
  severity: Severity;
  status: string;
  service: string;
  commander: string | null;
};

export type NotifyEvent =
  | { type: "declared"; incident: IncidentSnapshot; actor: string }
  | {
      type: "status";
      incident: IncidentSnapshot;
      actor: string;
      from: string;
      to: string;
      reason: string | null;
    }
  | { type: "containment"; incident: IncidentSnapshot; actor: string; detail: string }
  | { type: "test"; actor: string };

export type ChannelRef = {
  id: number;
  name: string;
  kind: ChannelKind;
  audience: Audience;
  enabled: boolean;
};

export type DeliveryStatus = "pending" | "retrying" | "sent" | "failed";
