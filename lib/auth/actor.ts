import "server-only";
import { cookies } from "next/headers";

import { ACTOR_COOKIE, actorNameSchema } from "@/lib/auth/actor-name";
import type { Actor } from "@/lib/auth/permissions";

/** The person acting. Before sign-in exists this is the display name kept in a cookie;
 * a real session will be read here and nowhere else. */
export async function getActor(): Promise<Actor | null> {
  const raw = (await cookies()).get(ACTOR_COOKIE)?.value;
  if (!raw) return null;
  const parsed = actorNameSchema.safeParse(decodeURIComponent(raw));
  return parsed.success ? { name: parsed.data, roles: ["responder"] } : null;
}
