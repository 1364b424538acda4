import { actorInfo } from "@/lib/audit/actor-info";
import { getActor } from "@/lib/auth/actor";
import { isCommander } from "@/lib/approvals/policy";
import { listApprovals } from "@/lib/approvals/store";
import type { Severity } from "@/lib/runbook/sev-levels";
import { ApprovalsPanelLive } from "@/components/approvals-panel-live";

/** Approval requests of an incident, for everyone on its page; commanders decide here. */
export async function ApprovalsPanel({ incidentId, severity }: { incidentId: number; severity: Severity }) {
  const [actor, initial] = await Promise.all([getActor(), listApprovals(incidentId)]);
  const viewer = actor ? { id: actorInfo(actor).id, commander: isCommander(actor) } : null;
  return <ApprovalsPanelLive incidentId={incidentId} severity={severity} viewer={viewer} initial={initial} />;
}
