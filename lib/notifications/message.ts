import { SEVERITY_LEVELS } from "@/lib/runbook/sev-levels";

import type { NotifyEvent } from "./types";

/** The words of one notification, shared by every payload format (pure). */
export type Message = {
  /** One line, complete on its own: what plain-text clients (Mattermost, logs) show. */
  text: string;
  title: string;
  facts: Array<{ label: string; value: string }>;
  /** The incident page, when the console's public URL is known. */
  link: string | null;
};

export function incidentLink(baseUrl: string | null | undefined, incidentId: number): string | null {
  if (!baseUrl) return null;
  return `${baseUrl.replace(/\/+$/, "")}/incidents/${incidentId}`;
}

export function buildMessage(event: NotifyEvent, baseUrl: string | null | undefined): Message {
  if (event.type === "test")
    return {
      text: `Test notification from Firebreak, sent by ${event.actor}.`,
      title: "Firebreak test notification",
      facts: [{ label: "Sent by", value: event.actor }],
      link: null,
    };
  const i = event.incident;
  const sev = SEVERITY_LEVELS[i.severity].label;
  const link = incidentLink(baseUrl, i.id);
  const facts = [
    { label: "Severity", value: sev },
    { label: "Service", value: i.service },
    { label: "Commander", value: i.commander ?? "not assigned yet" },
    { label: "Status", value: i.status },
  ];
  const tail = link ? ` ${link}` : "";
  const name = `#${i.id} ${i.title}`;
  switch (event.type) {
    case "declared":
      return {
        text: `${sev} declared on ${i.service}: ${name}. Commander: ${i.commander ?? "not assigned yet"}.${tail}`,
        title: `${sev} declared: ${i.title}`,
        facts,
        link,
      };
    case "status": {
      const reason = event.reason ? ` (${event.reason})` : "";
      const verb = event.to === "resolved" ? "resolved" : `moved from ${event.from} to ${event.to}`;
      return {
        text: `${sev} ${name} ${verb} by ${event.actor}${reason}.${tail}`,
        title: `${sev} ${event.to === "resolved" ? "resolved" : event.to}: ${i.title}`,
        facts,
        link,
      };
    }
    case "containment":
      return {
        text: `Security containment on ${i.service} for ${sev} ${name} by ${event.actor}: ${event.detail}.${tail}`,
        title: `Security containment: ${i.service}`,
        facts: [...facts, { label: "Containment", value: event.detail }],
        link,
      };
  }
}
