import type { ApprovalPolicy, PolicyKey, RequestState } from "./policy";

/** An approval request as pages and the panel see it (times as ISO strings, UTC). */
export type ApprovalDto = {
  id: number;
  incidentId: number;
  actionKind: string;
  policyKey: PolicyKey;
  policy: ApprovalPolicy;
  summary: string;
  params: Record<string, unknown>;
  requesterId: string;
  requesterName: string;
  state: RequestState;
  requestedAt: string;
  expiresAt: string;
  deciderName: string | null;
  decidedAt: string | null;
  selfApproved: boolean;
  reason: string | null;
  runId: number | null;
  result: string | null;
};

export type AwaitingApproval = {
  status: "awaiting_approval";
  message: string;
  approval: ApprovalDto;
  notices: string[];
};
