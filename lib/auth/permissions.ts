/** What a person may do. Until sign-in lands every named responder may do everything;
 * sign-in will fill `roles` and this table is where restrictions go — actions already
 * ask `can(actor, permission)`, so nothing else has to change. */
export type Permission =
  | "incident:read"
  | "incident:write"
  | "incident:command"
  | "service:write"
  | "metrics:write"
  | "cluster:act"
  | "scanner:run";

export type Actor = { name: string; roles: readonly string[] };

const ROLE_PERMISSIONS: Record<string, readonly Permission[]> = {
  responder: [
    "incident:read",
    "incident:write",
    "incident:command",
    "service:write",
    "metrics:write",
    "cluster:act",
    "scanner:run",
  ],
};

export function can(actor: Actor | null, permission: Permission): boolean {
  if (!actor) return false;
  return actor.roles.some((role) => ROLE_PERMISSIONS[role]?.includes(permission));
}
