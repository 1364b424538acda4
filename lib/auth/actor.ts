import "server-only";
import { cookies } from "next/headers";

import { ACTOR_COOKIE, actorNameSchema } from "@/lib/auth/actor-name";
import type { Actor } from "@/lib/auth/permissions";

/** The person acting. Transitional: the display name kept in a cookie; the OIDC session
 * replaces it here and nowhere else. */
export async function getActor(): Promise<Actor | null> {
  const raw = (await cookies()).get(ACTOR_COOKIE)?.value;
  if (!raw) return null;
  const parsed = actorNameSchema.safeParse(decodeURIComponent(raw));
  if (!parsed.success) return null;
  return { id: `name:${parsed.data}`, name: parsed.data, email: null, roles: ["admin"], via: "oidc" };
}
