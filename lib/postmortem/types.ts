import type { IncidentRole } from "@/lib/incidents/roles";
import type { IncidentStatus } from "@/lib/incidents/status";
import type { TimelineEventDto } from "@/lib/incidents/types";
import type { Severity } from "@/lib/runbook/sev-levels";

/** Everything a postmortem draft is written from, read once (lib/postmortem/sources.ts). */
export type PostmortemData = {
  incident: {
    id: number;
    title: string;
    severity: Severity;
    status: IncidentStatus;
    service: string;
    summary: string;
    declaredBy: string;
    declaredAt: Date;
    mitigatedAt: Date | null;
    resolvedAt: Date | null;
    closedAt: Date | null;
    roles: Array<{ role: IncidentRole; person: string }>;
  };
  /** The timeline as curated by pins, oldest first. */
  pinned: TimelineEventDto[];
  actions: PostmortemAction[];
  playbooks: Array<{ title: string; steps: PostmortemStep[] }>;
  /** Metric chart images of the incident window (URLs the reader can open). */
  charts: Array<{ label: string; url: string }>;
};

export type PostmortemAction = {
  id: number;
  label: string;
  actor: string;
  target: string;
  outcome: "pending" | "succeeded" | "failed";
  error: string | null;
  startedAt: Date;
  durationMs: number | null;
  verification: "not_applicable" | "verifying" | "verified" | "not_verified";
  verifyDetail: string | null;
  verifiedAt: Date | null;
};

export type PostmortemStep = {
  title: string;
  state: "pending" | "running" | "done" | "skipped" | "failed";
  actor: string | null;
  /** From the declaration. */
  tookMs: number | null;
  deadlineMs: number | null;
  overdue: boolean;
};
