import type { JsonPatchOp } from "./cluster";
import type { LabelSelector } from "./label-selector";

/** The kubectl command for each action, shown before confirming and stored in the audit row.
 * It sends the same request Firebreak sends (same patch, same guard), shell-quoted so it can
 * be pasted as is; a contract test runs each one with the real kubectl. */
export type KubectlAction =
  | { kind: "patch-service-json"; namespace: string; service: string; ops: JsonPatchOp[] }
  | { kind: "rollout-undo"; namespace: string; deployment: string; toRevision: number }
  | { kind: "scale"; namespace: string; deployment: string; replicas: number }
  | { kind: "rollout-restart"; namespace: string; deployment: string }
  | {
      kind: "deny-ingress";
      namespace: string;
      policy: string;
      labels: Record<string, string>;
      podSelector: LabelSelector;
    };

export function shellQuote(value: string): string {
  if (/^[A-Za-z0-9_./:=,@%+-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'"'"'`)}'`;
}

export function renderKubectl(action: KubectlAction): string {
  const ns = `-n ${shellQuote(action.namespace)}`;
  switch (action.kind) {
    case "patch-service-json":
      // Runbook 001 "Quick Actions": kubectl patch service <svc> --type=json -p='[...]'.
      return `kubectl patch service ${shellQuote(action.service)} ${ns} --type=json -p ${shellQuote(JSON.stringify(action.ops))}`;
    case "rollout-undo":
      return `kubectl rollout undo deployment/${shellQuote(action.deployment)} ${ns} --to-revision=${action.toRevision}`;
    case "scale":
      return `kubectl scale deployment/${shellQuote(action.deployment)} ${ns} --replicas=${action.replicas}`;
    case "rollout-restart":
      return `kubectl rollout restart deployment/${shellQuote(action.deployment)} ${ns}`;
    case "deny-ingress":
      return `kubectl apply ${ns} -f - <<'EOF'\n${denyIngressYaml(action)}EOF`;
  }
}

const q = (v: string) => JSON.stringify(v);

/** The NetworkPolicy as YAML; strings are double-quoted so any label key or value is safe. */
export function denyIngressYaml(action: Extract<KubectlAction, { kind: "deny-ingress" }>): string {
  const map = (m: Record<string, string>, indent: string) =>
    Object.entries(m)
      .map(([k, v]) => `${indent}${q(k)}: ${q(v)}\n`)
      .join("");
  let selector = "";
  const { matchLabels, matchExpressions } = action.podSelector;
  if (matchLabels && Object.keys(matchLabels).length > 0)
    selector += `    matchLabels:\n${map(matchLabels, "      ")}`;
  if (matchExpressions && matchExpressions.length > 0) {
    selector += "    matchExpressions:\n";
    for (const e of matchExpressions) {
      selector += `    - key: ${q(e.key)}\n      operator: ${e.operator}\n`;
      if (e.values) selector += `      values: [${e.values.map(q).join(", ")}]\n`;
    }
  }
  return (
    `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${q(action.policy)}\n` +
    `  namespace: ${q(action.namespace)}\n  labels:\n${map(action.labels, "    ")}` +
    `spec:\n  podSelector:\n${selector}  policyTypes:\n  - Ingress\n  ingress: []\n`
  );
}
