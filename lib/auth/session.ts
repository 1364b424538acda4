import "server-only";

import { getEnv } from "@/lib/env";
import { getAuth } from "./auth";
import type { Actor } from "./permissions";
import { sessionCache, sessionCookieValue } from "./session-cache";
import { parseGroups, parseRoleMap, resolveRoles, type RoleMap } from "./role-map";

type SessionUser = {
  id: string;
  name: string;
  email: string;
  externalId?: string | null;
  groups?: string | null;
  roleOverride?: string | null;
  breakGlass?: boolean | null;
};

let roleMap: { spec: string; map: RoleMap } | undefined;

function currentRoleMap(): RoleMap {
  const spec = getEnv().FIREBREAK_ROLE_MAP;
  if (roleMap?.spec !== spec) roleMap = { spec, map: parseRoleMap(spec) };
  return roleMap.map;
}

/** The actor a session's user is: stable id, roles from the groups claim through the role map
 * (or an admin's override), and how they signed in. */
export function actorOfUser(user: SessionUser): Actor {
  return {
    id: user.breakGlass ? breakGlassId(user.email) : (user.externalId ?? `user#${user.id}`),
    name: user.name,
    email: user.email,
    roles: resolveRoles({
      groups: parseGroups(user.groups),
      override: user.roleOverride,
      map: currentRoleMap(),
      defaultRole: getEnv().FIREBREAK_DEFAULT_ROLE,
    }),
    via: user.breakGlass ? "break-glass" : "oidc",
  };
}

export function breakGlassId(email: string): string {
  return `break-glass#${email}`;
}

/** Reads the session cookie in `headers`; null without a valid, unexpired session (a malformed
 * or forged cookie is simply no session). `setCookie` carries a renewed cookie, if any.
 * A session looked up in the last few seconds answers from memory (session-cache.ts). */
export async function sessionFromHeaders(
  headers: Headers,
): Promise<{ actor: Actor | null; setCookie: string[] }> {
  if (!hasSessionCookie(headers)) return { actor: null, setCookie: [] };
  const cookie = sessionCookieValue(headers.get("cookie"));
  const cache = sessionCache();
  const hit = cookie ? cache.get(cookie) : undefined;
  if (hit) return { actor: hit, setCookie: [] };
  const started = cache.begin();
  const { headers: out, response } = await getAuth().api.getSession({ headers, returnHeaders: true });
  const setCookie = out.getSetCookie();
  if (!response) return { actor: null, setCookie };
  const actor = actorOfUser(response.user as SessionUser);
  if (cookie) {
    cache.set(started, cookie, {
      actor,
      userId: response.user.id,
      sessionToken: response.session.token,
      sessionExpiresAt: new Date(response.session.expiresAt),
    });
  }
  return { actor, setCookie };
}

/** Cheap pre-check: without the session cookie there is nothing to look up. */
export function hasSessionCookie(headers: Headers): boolean {
  return /(^|;\s*)(__Secure-)?firebreak\.session_token=/.test(headers.get("cookie") ?? "");
}
