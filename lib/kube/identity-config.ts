import "server-only";

import { getEnv } from "@/lib/env";

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
