// The kubeconfig the double writes for kubectl and @kubernetes/client-node.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

export const CONTEXT = "firebreak-double";
export const TOKEN = "firebreak-double-token";

export function kubeconfigYaml(server: string): string {
  // insecure-skip-tls-verify: client-node refuses a plain-http server without it (offline notes G9).
  return `apiVersion: v1
kind: Config
clusters:
  - name: ${CONTEXT}
    cluster:
      server: ${server}
      insecure-skip-tls-verify: true
users:
  - name: ${CONTEXT}-user
    user:
      token: ${TOKEN}
contexts:
  - name: ${CONTEXT}
    context:
      cluster: ${CONTEXT}
      user: ${CONTEXT}-user
      namespace: default
current-context: ${CONTEXT}
preferences: {}
`;
}

export function writeKubeconfig(file: string, server: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, kubeconfigYaml(server), { mode: 0o600 });
}
