"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";

import { decideApproval } from "@/lib/approvals/decide";
import { defineAction } from "@/lib/server-action";

const decisionSchema = z.object({
  approvalId: z.coerce.number().int().positive(),
  verdict: z.enum(["approve", "deny"]),
  reason: z.string().trim().max(500, "Keep the reason under 500 characters").optional(),
});

/** Thin: defineAction parses and authorizes; lib/approvals decides who may approve (a commander,
 * not the requester; SEV-0 self-approval with a reason) and runs the action as the requester. */
const decide = defineAction(
  { schema: decisionSchema, permission: "cluster:act", name: "approval.decide" },
  async (input, { actor }) => {
    const result = await decideApproval(input, actor);
    revalidatePath(`/incidents/${result.approval.incidentId}`);
    revalidatePath("/actions");
    return result;
  },
);

export async function decideApprovalAction(input: unknown) {
  return decide(input);
}
