import type { ChannelRef, NotifyEvent } from "./types";

/**
 * Which channels an incident event goes to (pure):
 * - declared SEV-0 → every stakeholder channel ("all stakeholders" and "technical");
 * - declared SEV-1 → the technical stakeholders' channels (runbook 001 · Severity Levels);
 * - declared SEV-2/SEV-3 → nobody (the runbook asks for no notification there);
 * - containment → the security team's channels (runbook 001 · Security Incident Response, step 4);
 * - a status change (resolution included) → the channels the incident was already announced on
 *   (`announcedTo`: channel ids of its earlier declaration deliveries), the security team excluded.
 * Disabled channels never receive anything.
 */
export function channelsFor(
  event: NotifyEvent,
  channels: ChannelRef[],
  announcedTo: number[] = [],
): ChannelRef[] {
  const live = channels.filter((c) => c.enabled);
  switch (event.type) {
    case "declared":
      if (event.incident.severity === "SEV0")
        return live.filter((c) => c.audience === "stakeholders" || c.audience === "technical");
      if (event.incident.severity === "SEV1") return live.filter((c) => c.audience === "technical");
      return [];
    case "containment":
      return live.filter((c) => c.audience === "security");
    case "status": {
      const ids = new Set(announcedTo);
      return live.filter((c) => ids.has(c.id) && c.audience !== "security");
    }
    case "test":
      return [];
  }
}

/** A secret URL as it may be shown: scheme and host only ("https://hooks.slack.com/…"). */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}/…`;
  } catch {
    return "…";
  }
}
