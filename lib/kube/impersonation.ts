/** Who Firebreak acts as in Kubernetes. With impersonation on, every request carries
 * `Impersonate-User` (the person's email, else their stable id) and `Impersonate-Group` (a prefix
 * + their highest Firebreak role), so cluster RBAC and the cluster's audit log see the person;
 * Firebreak's own credential then needs only the `impersonate` verb. Pure. */

export type KubeIdentity = { user: string; groups: string[] };

export type ImpersonationConfig = {
  enabled: boolean;
  userFrom: "email" | "id";
  groupPrefix: string;
};

export type PersonForKube = { id: string; email?: string | null; roles: readonly string[] };

const ROLE_ORDER = ["viewer", "responder", "commander", "admin"];

/** null when impersonation is off: requests then run as Firebreak's own account. One group
 * only: fetch joins repeated headers into one value, which the API server would read as a
 * single group named "a, b" — so the highest role, which carries all the lower ones' rights. */
export function kubeIdentityFor(person: PersonForKube, config: ImpersonationConfig): KubeIdentity | null {
  if (!config.enabled) return null;
  const user = config.userFrom === "email" && person.email ? person.email : person.id;
  const top = [...ROLE_ORDER].reverse().find((r) => person.roles.includes(r));
  return { user, groups: top ? [`${config.groupPrefix}${top}`] : [] };
}

/** The kubectl flags that make kubectl act as the same identity. */
export function kubectlAsFlags(identity: KubeIdentity | null): string[] {
  if (!identity) return [];
  return [`--as=${identity.user}`, ...identity.groups.map((g) => `--as-group=${g}`)];
}

export function identityKey(identity: KubeIdentity | null): string {
  return identity ? `${identity.user}|${identity.groups.join(",")}` : "";
}
