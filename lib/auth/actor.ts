import "server-only";
import { headers } from "next/headers";
import { cache } from "react";

import type { Actor } from "@/lib/auth/permissions";
import { sessionFromHeaders } from "./session";

/** The signed-in person of the current request, or null (no session, expired, revoked, or a
 * cookie that does not verify). The only reader of the session in pages, actions and routes. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const { actor } = await sessionFromHeaders(await headers());
  return actor;
});
