import type { ApprovalDto } from "./types";

/** Who is looking at an approval request: their stable id and whether they hold the commander role. */
export type ApprovalViewer = { id: string; commander: boolean } | null;

export type ApprovalControls = {
  /** "approve" for a commander other than the requester; "self-approve" for the requester
   * commander of a two-person request on a SEV-0 (with a written reason). */
  approve: "approve" | "self-approve" | null;
  /** The requester withdraws; a commander denies. */
  deny: "withdraw" | "deny" | null;
  /** Why this person sees no approve button, shown beside the request. */
  note: string | null;
};

/** What the incident page offers one person for one approval request (lib/approvals/decide.ts
 * enforces the same rules on the server). */
export function approvalControls(
  approval: Pick<ApprovalDto, "state" | "requesterId" | "policy">,
  viewer: ApprovalViewer,
  severity: string,
): ApprovalControls {
  const none: ApprovalControls = { approve: null, deny: null, note: null };
  if (approval.state !== "pending" || !viewer) return none;
  const own = viewer.id === approval.requesterId;
  const approve = !viewer.commander
    ? null
    : !own
      ? "approve"
      : approval.policy === "two-person" && severity === "SEV0"
        ? "self-approve"
        : null;
  const deny = own ? "withdraw" : viewer.commander ? "deny" : null;
  const note = own
    ? approve
      ? null
      : "Waiting for a commander other than you to approve."
    : viewer.commander
      ? null
      : "Needs the commander role: only a commander other than the requester may approve.";
  return { approve, deny, note };
}
