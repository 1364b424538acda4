import "server-only";

import { getEnv } from "@/lib/env";

import { parsePolicyConfig, type ApprovalPolicy, type PolicyKey } from "./policy";

let cached: { text: string | undefined; policies: Record<PolicyKey, ApprovalPolicy> } | undefined;

/** The approval policy per action, from APPROVAL_POLICIES over the defaults. */
export function approvalPolicies(): Record<PolicyKey, ApprovalPolicy> {
  const text = getEnv().APPROVAL_POLICIES;
  if (!cached || cached.text !== text) cached = { text, policies: parsePolicyConfig(text) };
  return cached.policies;
}
