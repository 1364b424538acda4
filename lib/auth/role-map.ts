import { isRole, ROLES, type Role } from "./permissions";

/** groups claim -> role, from configuration: "firebreak-admins:admin,oncall:responder". */
export type RoleMap = ReadonlyMap<string, Role>;

export function parseRoleMap(spec: string): RoleMap {
  const map = new Map<string, Role>();
  for (const entry of spec.split(",")) {
    const trimmed = entry.trim();
    if (!trimmed) continue;
    const at = trimmed.lastIndexOf(":");
    const group = trimmed.slice(0, at).trim();
    const role = trimmed.slice(at + 1).trim();
    if (at <= 0 || !group || !isRole(role)) {
      throw new Error(`FIREBREAK_ROLE_MAP: "${trimmed}" is not group:role (roles: ${ROLES.join(", ")})`);
    }
    map.set(group, role);
  }
  return map;
}

/** The roles of a person: an admin's per-person override wins; otherwise every role their
 * groups map to; otherwise the configured default (or none). */
export function resolveRoles(input: {
  groups: readonly string[];
  override: string | null | undefined;
  map: RoleMap;
  defaultRole: Role | "none";
}): Role[] {
  if (input.override === "none") return [];
  if (isRole(input.override)) return [input.override];
  const roles = new Set<Role>();
  for (const g of input.groups) {
    const role = input.map.get(g);
    if (role) roles.add(role);
  }
  if (roles.size === 0 && input.defaultRole !== "none") roles.add(input.defaultRole);
  return ROLES.filter((r) => roles.has(r));
}

/** The `groups` column holds a JSON array of strings; anything else counts as no groups. */
export function parseGroups(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.filter((g): g is string => typeof g === "string");
  if (typeof raw !== "string" || !raw) return [];
  try {
    return parseGroups(JSON.parse(raw) as unknown);
  } catch {
    return [];
  }
}
