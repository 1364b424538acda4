import type { JsonPatchOp } from "./cluster";

/** The kubectl command a responder would have typed for each action, shown before confirming
 * and stored in the audit row. Shell-quoted so it can be pasted as is. */
export type KubectlAction =
  | { kind: "patch-service-json"; namespace: string; service: string; ops: JsonPatchOp[] }
  | { kind: "rollout-undo"; namespace: string; deployment: string; toRevision?: number }
  | { kind: "scale"; namespace: string; deployment: string; replicas: number }
  | { kind: "rollout-restart"; namespace: string; deployment: string }
  | { kind: "deny-ingress"; namespace: string; policy: string; podSelector: Record<string, string> };

export function shellQuote(value: string): string {
  if (/^[A-Za-z0-9_./:=,@%+-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'"'"'`)}'`;
}

export function renderKubectl(action: KubectlAction): string {
  const ns = `-n ${shellQuote(action.namespace)}`;
  switch (action.kind) {
    case "patch-service-json":
      // Seed 001 "Quick Actions": kubectl patch service <svc> --type=json -p='[...]'.
      return `kubectl ${ns} patch service ${shellQuote(action.service)} --type=json -p=${shellQuote(JSON.stringify(action.ops))}`;
    case "rollout-undo":
      return `kubectl ${ns} rollout undo deployment/${shellQuote(action.deployment)}${
        action.toRevision === undefined ? "" : ` --to-revision=${action.toRevision}`
      }`;
    case "scale":
      return `kubectl ${ns} scale deployment/${shellQuote(action.deployment)} --replicas=${action.replicas}`;
    case "rollout-restart":
      return `kubectl ${ns} rollout restart deployment/${shellQuote(action.deployment)}`;
    case "deny-ingress":
      return `kubectl ${ns} apply -f - <<'EOF'\n${denyIngressYaml(action)}EOF`;
  }
}

function denyIngressYaml(action: Extract<KubectlAction, { kind: "deny-ingress" }>): string {
  const labels = Object.entries(action.podSelector)
    .map(([k, v]) => `      ${k}: ${JSON.stringify(v)}\n`)
    .join("");
  return (
    `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${action.policy}\n` +
    `spec:\n  podSelector:\n    matchLabels:\n${labels}  policyTypes:\n  - Ingress\n  ingress: []\n`
  );
}
