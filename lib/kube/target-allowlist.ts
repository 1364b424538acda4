/** Which kubeconfig contexts and namespaces a watched service may point at (checked when the
 * service is saved and again before any action sends anything). Pure.
 *
 * Namespaces: comma list of "namespace" (any allowed context) or "context/namespace"; "*" allows
 * any namespace except Kubernetes' own (kube-system, kube-public, kube-node-lease, …), which must
 * be listed by name. Contexts: comma list or "*". */

export type TargetAllowlist = { namespaces: string[]; contexts: string[] };

export function parseAllowlist(namespaces: string, contexts: string): TargetAllowlist {
  const list = (s: string) =>
    s
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean);
  return { namespaces: list(namespaces), contexts: list(contexts) };
}

/** null when allowed, else the plain reason. `context` null = the default context. */
export function targetRefusal(
  allow: TargetAllowlist,
  target: { context: string | null; namespace: string },
): string | null {
  const ctx = target.context ?? "";
  if (target.context && !allow.contexts.includes("*") && !allow.contexts.includes(ctx)) {
    return `Context "${ctx}" is not in the allowed Kubernetes contexts (${allow.contexts.join(", ") || "none"}).`;
  }
  const ns = target.namespace;
  const ok = allow.namespaces.some((entry) => {
    const [c, n] = entry.includes("/") ? entry.split("/", 2) : [null, entry];
    if (c !== null && c !== "*" && c !== ctx) return false;
    if (n === "*") return !ns.startsWith("kube-");
    return n === ns;
  });
  if (ok) return null;
  const where = target.context ? `${ctx}/${ns}` : ns;
  return `Namespace "${where}" is not in the allowed Kubernetes namespaces (${allow.namespaces.join(", ") || "none"}).`;
}
