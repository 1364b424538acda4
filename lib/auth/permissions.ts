/** Who may do what. Every server action, route handler and page asks `can(actor, permission)`;
 * this table is the single place where roles turn into permissions. Roles are cumulative:
 * each one may do everything the one before it may. */
export type Role = "viewer" | "responder" | "commander" | "admin";

export const ROLES: readonly Role[] = ["viewer", "responder", "commander", "admin"];

export type Permission =
  /** See incidents, dashboards, timelines, actions and scanner results. */
  | "incident:read"
  /** Declare incidents, add notes, move status forward (not closing), pin events. */
  | "incident:write"
  /** Severity, incident roles, closing. */
  | "incident:command"
  /** Non-destructive cluster actions: rollback, undo, restart, scale up; read views, previews. */
  | "cluster:act"
  /** Destructive cluster actions: scale to 0, security containment. */
  | "cluster:act:destructive"
  /** Approve or deny someone else's risky action. */
  | "approval:decide"
  | "metrics:write"
  | "scanner:run"
  /** ApiHunter active checks (canary stages, full scope), approved targets, written authorizations,
   * triage of HIGH/CRITICAL findings (runbook 000 · Canary Rollout Strategy). */
  | "scanner:active"
  | "playbook:run"
  /** Watched services and their settings. */
  | "service:write"
  /** Users, role overrides, break-glass accounts, the audit log. */
  | "admin";

/** The person acting. `id` is stable across renames: the OIDC issuer + subject
 * (`https://idp.example.org#1234`), or `break-glass#<email>` for a local account. */
export type Actor = {
  id: string;
  name: string;
  email: string | null;
  roles: readonly Role[];
  /** "system": Firebreak itself (the SEV tracker auto-declaring), never a person. */
  via: "oidc" | "break-glass" | "system";
};

const VIEWER: readonly Permission[] = ["incident:read"];
const RESPONDER: readonly Permission[] = [
  ...VIEWER,
  "incident:write",
  "cluster:act",
  "metrics:write",
  "scanner:run",
  "playbook:run",
];
const COMMANDER: readonly Permission[] = [
  ...RESPONDER,
  "incident:command",
  "cluster:act:destructive",
  "approval:decide",
  "scanner:active",
];
const ADMIN: readonly Permission[] = [...COMMANDER, "service:write", "admin"];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  viewer: VIEWER,
  responder: RESPONDER,
  commander: COMMANDER,
  admin: ADMIN,
};

export function can(actor: Pick<Actor, "roles"> | null | undefined, permission: Permission): boolean {
  if (!actor) return false;
  return actor.roles.some((role) => ROLE_PERMISSIONS[role]?.includes(permission));
}

/** The least role that grants `permission`, for "Needs the commander role" hints. */
export function roleFor(permission: Permission): Role {
  return ROLES.find((r) => ROLE_PERMISSIONS[r].includes(permission)) ?? "admin";
}

/** A short reason a control is disabled, or null when the actor may use it. */
export function deniedReason(
  actor: Pick<Actor, "roles"> | null | undefined,
  permission: Permission,
): string | null {
  if (can(actor, permission)) return null;
  return actor ? `Needs the ${roleFor(permission)} role` : "Sign in first";
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** The highest role held, for display. */
export function topRole(roles: readonly Role[]): Role | null {
  for (const r of [...ROLES].reverse()) if (roles.includes(r)) return r;
  return null;
}
