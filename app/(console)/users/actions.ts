"use server";

// Each call leaves an audit row through defineAction (name, outcome, redacted input).

import { revalidatePath } from "next/cache";
import { z } from "zod";

import { createBreakGlassAccount, revokeSessions, setRoleOverride } from "@/lib/auth/users";
import { defineAction, type ActionResult } from "@/lib/server-action";

const override = defineAction(
  {
    schema: z.object({
      userId: z.string().min(1).max(100),
      override: z.enum(["", "none", "viewer", "responder", "commander", "admin"]),
    }),
    permission: "admin",
    name: "user.role_override",
  },
  async (i) => {
    await setRoleOverride(i.userId, i.override === "" ? null : i.override);
    revalidatePath("/users");
  },
);

const revoke = defineAction(
  {
    schema: z.object({ userId: z.string().min(1).max(100) }),
    permission: "admin",
    name: "user.revoke_sessions",
  },
  async (i) => {
    await revokeSessions(i.userId);
    revalidatePath("/users");
  },
);

const breakGlass = defineAction(
  {
    schema: z.object({
      email: z.email().max(200),
      name: z.string().trim().min(2).max(100),
      password: z.string().min(12, "At least 12 characters").max(200),
      role: z.enum(["viewer", "responder", "commander", "admin"]),
    }),
    permission: "admin",
    name: "user.break_glass_create",
  },
  async (i) => {
    const out = await createBreakGlassAccount(i);
    revalidatePath("/users");
    return out;
  },
);

export async function setRoleOverrideAction(input: unknown): Promise<ActionResult<void>> {
  return override(input);
}

export async function revokeSessionsAction(input: unknown): Promise<ActionResult<void>> {
  return revoke(input);
}

export async function createBreakGlassAction(
  _prev: unknown,
  formData: FormData,
): Promise<ActionResult<{ id: string }>> {
  return breakGlass(formData);
}
