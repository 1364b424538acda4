/** Which actions wait for a commander, and who may decide. Pure: no I/O, unit-tested.
 *
 * Policies: `none` (runs at once), `commander` (runs at once for a commander, otherwise waits
 * for one), `two-person` (always waits for a commander who is not the requester). Defaults: scaling
 * to zero and security containment are two-person. One exception: in a SEV-0 incident an absent
 * second approver never blocks — a commander may approve their own request with a written reason,
 * which is recorded and shown. */

export const APPROVAL_POLICIES = ["none", "commander", "two-person"] as const;
export type ApprovalPolicy = (typeof APPROVAL_POLICIES)[number];

export const POLICY_KEYS = ["rollback", "undo", "scale", "scale_to_zero", "restart", "containment"] as const;
export type PolicyKey = (typeof POLICY_KEYS)[number];

export const DEFAULT_POLICIES: Record<PolicyKey, ApprovalPolicy> = {
  rollback: "none",
  undo: "none",
  scale: "none",
  scale_to_zero: "two-person",
  restart: "none",
  containment: "two-person",
};

/** A request waits this long for a decision, then expires. */
export const APPROVAL_TTL_MS = 10 * 60 * 1000;
/** The shortest written reason accepted for a SEV-0 self-approval. */
export const MIN_SELF_APPROVAL_REASON = 10;

export type PolicyActionInput = { kind: string; replicas?: number };
export type Person = { id: string; roles: readonly string[] };

/** Scale to 0 is its own kind: it takes the service down. */
export function policyKeyOf(input: PolicyActionInput): PolicyKey {
  if (input.kind === "scale" && input.replicas === 0) return "scale_to_zero";
  return (POLICY_KEYS as readonly string[]).includes(input.kind) ? (input.kind as PolicyKey) : "containment";
}

/** `APPROVAL_POLICIES` configuration, e.g. "containment=commander,restart=two-person"; unknown
 * keys or values are refused with the offending entry named. */
export function parsePolicyConfig(text: string | undefined): Record<PolicyKey, ApprovalPolicy> {
  const out = { ...DEFAULT_POLICIES };
  for (const entry of (text ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [key, value] = entry.split("=").map((s) => s.trim());
    if (!key || !(POLICY_KEYS as readonly string[]).includes(key))
      throw new Error(`APPROVAL_POLICIES: unknown action "${key}" (use ${POLICY_KEYS.join(", ")})`);
    if (!value || !(APPROVAL_POLICIES as readonly string[]).includes(value))
      throw new Error(`APPROVAL_POLICIES: "${entry}" — the policy must be ${APPROVAL_POLICIES.join(", ")}`);
    out[key as PolicyKey] = value as ApprovalPolicy;
  }
  return out;
}

/** Commanders (and admins, who hold every role's rights) decide approvals. */
export function isCommander(person: Person): boolean {
  return person.roles.includes("commander") || person.roles.includes("admin");
}

export function needsApproval(policy: ApprovalPolicy, requester: Person): boolean {
  if (policy === "none") return false;
  if (policy === "commander") return !isCommander(requester);
  return true;
}

export type RequestState = "pending" | "approved" | "denied" | "executed" | "failed" | "expired";

export function stateAt(request: { status: string; expiresAt: Date }, now: Date): RequestState {
  if (request.status === "pending" && now.getTime() >= request.expiresAt.getTime()) return "expired";
  return request.status as RequestState;
}

export type DecisionRequest = {
  status: string;
  expiresAt: Date;
  policy: ApprovalPolicy;
  requesterId: string;
  severity: string;
};

export type Decision = { ok: true; selfApproved: boolean } | { ok: false; reason: string };

/** May `decider` approve (or deny) this request now? Denying needs a commander too, except
 * that a requester may always withdraw their own request. */
export function mayDecide(
  request: DecisionRequest,
  decider: Person,
  verdict: "approve" | "deny",
  now: Date,
  reason?: string,
): Decision {
  const state = stateAt(request, now);
  if (state === "expired")
    return { ok: false, reason: "The request expired (10 minutes without a decision)." };
  if (state !== "pending") return { ok: false, reason: `The request was already ${state}.` };
  const own = decider.id === request.requesterId;
  if (verdict === "deny") {
    if (own || isCommander(decider)) return { ok: true, selfApproved: false };
    return { ok: false, reason: "Only a commander (or the requester, to withdraw it) may deny a request." };
  }
  if (!isCommander(decider)) return { ok: false, reason: "Only a commander may approve." };
  if (!own) return { ok: true, selfApproved: false };
  if (request.policy !== "two-person") return { ok: true, selfApproved: true };
  if (request.severity !== "SEV0")
    return { ok: false, reason: "A second commander must approve; you cannot approve your own request." };
  if ((reason ?? "").trim().length < MIN_SELF_APPROVAL_REASON)
    return {
      ok: false,
      reason: `SEV-0: you may approve your own request, with a written reason (at least ${MIN_SELF_APPROVAL_REASON} characters).`,
    };
  return { ok: true, selfApproved: true };
}
