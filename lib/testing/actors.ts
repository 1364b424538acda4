import type { Actor, Role } from "@/lib/auth/permissions";

const DEFAULT_NAMES: Record<Role, string> = {
  viewer: "Vera Viewer",
  responder: "Rafael Responder",
  commander: "Cora Commander",
  admin: "Ada Admin",
};

/** A signed-in person with one role, as `getActor()` would return it after an OIDC sign-in. */
export function testActor(role: Role, name = DEFAULT_NAMES[role]): Actor {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return {
    id: `https://idp.test#${slug}`,
    name,
    email: `${slug}@firebreak.test`,
    roles: [role],
    via: "oidc",
  };
}
