import { summarizeEvent } from "@/lib/incidents/event-summary";
import { ROLE_LABELS } from "@/lib/incidents/roles";
import { STATUS_LABELS } from "@/lib/incidents/status";
import { SEVERITY_LEVELS } from "@/lib/runbook/sev-levels";

import type { PostmortemAction, PostmortemData, PostmortemStep } from "./types";

/** Sections people write; a regenerated draft keeps what was saved in them (mergeEditableSections). */
export const EDITABLE_SECTIONS = ["Summary", "Contributing factors", "Follow-ups"] as const;

const PLACEHOLDER = "_To be written._";

/** "09:03:10 UTC" (the date is in the header; incidents rarely cross midnight, and then it says so). */
export function utcTime(d: Date, day?: Date): string {
  const t = `${d.toISOString().slice(11, 19)} UTC`;
  return day && d.toISOString().slice(0, 10) !== day.toISOString().slice(0, 10)
    ? `${d.toISOString().slice(0, 10)} ${t}`
    : t;
}

/** "T+4m 05s" from the declaration. */
export function sinceDeclared(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h > 0 ? `T+${h}h ${String(m).padStart(2, "0")}m` : `T+${m}m ${sec}s`;
}

/** The generated draft (pure): facts from the incident's record, editable sections as placeholders. */
export function generatePostmortem(data: PostmortemData, now: Date): string {
  const i = data.incident;
  const day = i.declaredAt;
  const sev = SEVERITY_LEVELS[i.severity];
  const lines: string[] = [
    `# Postmortem: #${i.id} ${i.title}`,
    "",
    `- **Severity:** ${sev.label} (${sev.name})`,
    `- **Service:** ${i.service}`,
    `- **Status:** ${STATUS_LABELS[i.status]}`,
    `- **Declared:** ${i.declaredAt.toISOString().slice(0, 10)} ${utcTime(i.declaredAt)} by ${i.declaredBy}`,
    ...i.roles.map((r) => `- **${ROLE_LABELS[r.role]}:** ${r.person}`),
    `- **Generated:** ${now.toISOString().slice(0, 10)} ${utcTime(now)}`,
    "",
    "## Summary",
    "",
    i.summary.trim() || PLACEHOLDER,
    "",
    "## Impact",
    "",
    ...impactLines(data, now),
    "",
    "## Timeline",
    "",
    ...(data.pinned.length
      ? data.pinned.map(
          (e) => `- ${utcTime(new Date(e.occurredAt), day)} — ${e.actor}: ${oneLine(summarizeEvent(e))}`,
        )
      : ["_No pinned events: pin the events that tell the story on the incident's timeline._"]),
    "",
    "## Actions and verification",
    "",
    ...(data.actions.length
      ? data.actions.map((a) => actionLine(a, day))
      : ["_No actions were taken from Firebreak._"]),
    "",
    "## Playbook steps against deadlines",
    "",
    ...(data.playbooks.length
      ? data.playbooks.flatMap((p) => [`### ${p.title}`, "", ...p.steps.map(stepLine), ""])
      : ["_No playbook ran for this incident._", ""]),
    ...(data.charts.length
      ? ["## Metrics", "", ...data.charts.flatMap((c) => [`![${c.label}](${c.url})`, ""])]
      : []),
    "## Contributing factors",
    "",
    PLACEHOLDER,
    "",
    "## Follow-ups",
    "",
    "- [ ] _To be written._",
    "",
  ];
  return lines.join("\n");
}

function impactLines(data: PostmortemData, now: Date): string[] {
  const i = data.incident;
  const span = (to: Date | null, what: string) =>
    to
      ? `- ${what} after ${duration(to.getTime() - i.declaredAt.getTime())} (${utcTime(to, i.declaredAt)})`
      : null;
  const out = [
    span(i.mitigatedAt, "Mitigated"),
    span(i.resolvedAt, "Resolved"),
    i.resolvedAt
      ? null
      : `- Still open ${duration(now.getTime() - i.declaredAt.getTime())} after the declaration`,
  ].filter((l): l is string => l !== null);
  return [
    ...out,
    `- Response target: ${SEVERITY_LEVELS[i.severity].responseTarget}`,
    "",
    "_Who and what was affected, and how much._",
  ];
}

function actionLine(a: PostmortemAction, day: Date): string {
  const head = `- ${utcTime(a.startedAt, day)} — ${a.label} #${a.id} of ${a.target} by ${a.actor}`;
  if (a.outcome === "failed") return `${head}: **failed** — ${oneLine(a.error ?? "no reason recorded")}`;
  if (a.outcome === "pending") return `${head}: in progress`;
  const took = a.durationMs !== null ? ` in ${a.durationMs} ms` : "";
  let verify = "";
  if (a.verification === "verified" && a.verifiedAt)
    verify = `; verified at ${utcTime(a.verifiedAt, day)} (${duration(a.verifiedAt.getTime() - a.startedAt.getTime())} after it started)`;
  else if (a.verification === "not_verified")
    verify = `; **not verified**${a.verifyDetail ? ` — ${oneLine(a.verifyDetail)}` : ""}`;
  else if (a.verification === "verifying") verify = "; verifying";
  return `${head}: succeeded${took}${verify}`;
}

const STATE_MARK: Record<PostmortemStep["state"], string> = {
  done: "[x]",
  skipped: "[-]",
  failed: "[!]",
  running: "[~]",
  pending: "[ ]",
};

function stepLine(s: PostmortemStep): string {
  const deadline = s.deadlineMs !== null ? `deadline ${sinceDeclared(s.deadlineMs)}` : "no deadline";
  const who = s.actor ? ` by ${s.actor}` : "";
  if (s.tookMs !== null) {
    const met = s.deadlineMs === null ? "" : s.tookMs < s.deadlineMs ? ": met" : ": **missed**";
    return `- ${STATE_MARK[s.state]} ${s.title} — ${s.state}${who} at ${sinceDeclared(s.tookMs)} (${deadline}${met})`;
  }
  return `- ${STATE_MARK[s.state]} ${s.title} — ${s.state} (${deadline}${s.overdue ? ": **overdue**" : ""})`;
}

export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, "0")} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, "0")} min`;
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, " ").trim();
}

/** The body of each "## " section, by heading. */
export function sectionsOf(markdown: string): Map<string, string> {
  const out = new Map<string, string>();
  const parts = markdown.split(/^## /m).slice(1);
  for (const part of parts) {
    const nl = part.indexOf("\n");
    const heading = (nl < 0 ? part : part.slice(0, nl)).trim();
    out.set(heading, nl < 0 ? "" : part.slice(nl + 1).trim());
  }
  return out;
}

/** A fresh draft with the saved version's editable sections kept (what people wrote is never lost
 * by regenerating the facts). A saved section still holding the placeholder is not "written". */
export function mergeEditableSections(generated: string, saved: string | null): string {
  if (!saved) return generated;
  const kept = sectionsOf(saved);
  let out = generated;
  for (const heading of EDITABLE_SECTIONS) {
    const body = kept.get(heading);
    if (body === undefined || body === "" || body === PLACEHOLDER || body === "- [ ] _To be written._")
      continue;
    const current = sectionsOf(out).get(heading) ?? "";
    out = out.replace(`## ${heading}\n\n${current}`, () => `## ${heading}\n\n${body}`);
  }
  return out;
}
