"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";

import { ACTOR_COOKIE, actorNameSchema } from "@/lib/auth/actor-name";
import type { ActionResult } from "@/lib/server-action";

const schema = z.object({ name: actorNameSchema });

/** Sets the display name recorded on every event (until sign-in exists). Not wrapped in
 * defineAction because it is what gives a visitor an actor in the first place. */
export async function setActorNameAction(_prev: unknown, formData: FormData): Promise<ActionResult<string>> {
  const parsed = schema.safeParse({ name: formData.get("name") });
  if (!parsed.success) {
    return {
      ok: false,
      error: parsed.error.issues[0]?.message ?? "Invalid name",
      fieldErrors: { name: parsed.error.issues.map((i) => i.message) },
    };
  }
  (await cookies()).set(ACTOR_COOKIE, encodeURIComponent(parsed.data.name), {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    maxAge: 60 * 60 * 24 * 365,
  });
  revalidatePath("/", "layout");
  return { ok: true, data: parsed.data.name };
}
