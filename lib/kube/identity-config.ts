import "server-only";

import { actorInfo } from "@/lib/audit/actor-info";
import type { Actor } from "@/lib/auth/permissions";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

import { kubeIdentityFor, type KubeIdentity, type PersonForKube } from "./impersonation";
import { parseAllowlist, targetRefusal } from "./target-allowlist";

/** The Kubernetes identity for a person under the current configuration (null: Firebreak's own). */
export function kubeIdentityOf(person: PersonForKube | null | undefined): KubeIdentity | null {
  if (!person) return null;
  const env = getEnv();
  return kubeIdentityFor(person, {
    enabled: env.KUBE_IMPERSONATE,
    userFrom: env.KUBE_IMPERSONATE_USER,
    groupPrefix: env.KUBE_IMPERSONATE_GROUP_PREFIX,
  });
}

export function impersonationEnabled(): boolean {
  return getEnv().KUBE_IMPERSONATE;
}

/** null when the configured allowlist lets a service target this context/namespace. */
export function kubeTargetRefusal(target: { context: string | null; namespace: string }): string | null {
  const env = getEnv();
  return targetRefusal(parseAllowlist(env.KUBE_ALLOWED_NAMESPACES, env.KUBE_ALLOWED_CONTEXTS), target);
}

/** Whom the cluster sees for this person: the impersonated user, or null (Firebreak's account). */
export function actingAsOf(actor: Actor | null): string | null {
  if (!actor) return null;
  return kubeIdentityOf({ ...actorInfo(actor), roles: actor.roles })?.user ?? null;
}

/** Throws FORBIDDEN (nothing sent) when the service points outside the allowlist. */
export function assertKubeTargetAllowed(target: { context: string | null; namespace: string }): void {
  const refusal = kubeTargetRefusal(target);
  if (refusal) throw new AppError("FORBIDDEN", `${refusal} Nothing was sent to the cluster.`);
}
