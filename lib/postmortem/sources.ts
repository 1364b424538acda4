import "server-only";

import { getDb } from "@/lib/db/client";
import { guardDb } from "@/lib/errors";
import { getIncidentOrThrow, listTimeline } from "@/lib/incidents/queries";
import { getIncidentPlaybooks } from "@/lib/playbooks/queries";
import { ACTION_LABELS } from "@/lib/remediation/schemas";

import type { PostmortemData } from "./types";

/** Reads what the draft is written from: the incident, its pinned events, its actions with their
 * verification times, and its playbook steps with their deadlines. */
export async function loadPostmortemData(
  incidentId: number,
  charts: PostmortemData["charts"] = [],
): Promise<PostmortemData> {
  const incident = await getIncidentOrThrow(incidentId);
  const [pinned, actions, playbooks] = await Promise.all([
    listTimeline(incidentId, { pinnedOnly: true, limit: null }),
    guardDb(() =>
      getDb().actionRun.findMany({ where: { incidentId }, orderBy: [{ startedAt: "asc" }, { id: "asc" }] }),
    ),
    getIncidentPlaybooks(incidentId),
  ]);
  return {
    incident: { ...incident, roles: incident.roles.map((r) => ({ role: r.role, person: r.person })) },
    pinned,
    actions: actions.map((a) => ({
      id: a.id,
      label: (ACTION_LABELS as Record<string, string>)[a.kind] ?? a.kind,
      actor: a.actor,
      target: `${a.namespace}/${a.targetName}`,
      outcome: a.outcome,
      error: a.error,
      startedAt: a.startedAt,
      durationMs: a.durationMs,
      verification: a.verification,
      verifyDetail: a.verifyDetail,
      verifiedAt: a.verifiedAt,
    })),
    playbooks: playbooks.runs.map((r) => ({
      title: r.title,
      steps: r.steps.map((s) => ({
        title: s.title,
        state: s.state,
        actor: s.actor,
        tookMs: s.tookMs,
        deadlineMs: s.deadlineMs,
        overdue: s.overdue,
      })),
    })),
    charts,
  };
}
