import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";

import { assertKubectlPresent, KUBECTL_PATH, runKubectl } from "@/doubles/kube-api/kubectl";
import { startKubeDouble, type RunningKubeDouble } from "@/doubles/kube-api/spawn";

// deploy/ rendered by the real kubectl's kustomize, applied with a server-side dry run to the
// Kubernetes double, and its RBAC compared with the API calls Firebreak makes.
const ROOT = path.resolve(import.meta.dirname, "..");
type Obj = {
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [k: string]: unknown;
};

let rendered = "";
let objects: Obj[] = [];
let kube: RunningKubeDouble;
const tmp = mkdtempSync(path.join(tmpdir(), "fb-deploy-"));

beforeAll(async () => {
  assertKubectlPresent();
  rendered = execFileSync(KUBECTL_PATH, ["kustomize", path.join(ROOT, "deploy")], { encoding: "utf8" });
  objects = parseAllDocuments(rendered).map((d) => d.toJS() as Obj);
  kube = await startKubeDouble({ demo: false });
}, 60_000);
afterAll(async () => {
  await kube?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

const one = (kind: string) => {
  const o = objects.find((x) => x.kind === kind);
  if (!o) throw new Error(`no ${kind} rendered`);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rendered YAML, read by path
  return o as Obj & { spec: Record<string, any> };
};

describe("deploy/ (Kustomize)", () => {
  it("renders every object an installation needs", () => {
    expect(objects.map((o) => o.kind).sort()).toEqual(
      [
        "ClusterRole",
        "ClusterRoleBinding",
        "ConfigMap",
        "ConfigMap",
        "Deployment",
        "Namespace",
        "NetworkPolicy",
        "PodDisruptionBudget",
        "Service",
        "ServiceAccount",
      ].sort(),
    );
  });

  it("runs 2 non-root replicas with probes on the health routes, limits, and migrations first", () => {
    const d = one("Deployment");
    expect(d.spec.replicas).toBe(2);
    const pod = d.spec.template.spec;
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    const [c] = pod.containers;
    expect(c.readinessProbe.httpGet.path).toBe("/api/health/ready");
    expect(c.livenessProbe.httpGet.path).toBe("/api/health/live");
    for (const probe of [c.readinessProbe, c.livenessProbe]) {
      const route = path.join(ROOT, "app", probe.httpGet.path.replace(/^\//, ""), "route.ts");
      expect(existsSync(route), route).toBe(true);
    }
    expect(c.resources.requests.cpu).toBeTruthy();
    expect(c.resources.limits.memory).toBeTruthy();
    expect(pod.initContainers[0].command).toEqual(["node", "scripts/migrate.mjs"]);
    expect(existsSync(path.join(ROOT, "scripts/migrate.mjs"))).toBe(true);
    expect(c.envFrom).toContainEqual({ secretRef: { name: "firebreak-secrets" } });
  });

  it("selects the console's pods with the PodDisruptionBudget, the NetworkPolicy and the Service", () => {
    const podLabels = one("Deployment").spec.template.metadata.labels as Record<string, string>;
    const matches = (sel: Record<string, string>) =>
      Object.entries(sel).every(([k, v]) => podLabels[k] === v);
    expect(matches(one("PodDisruptionBudget").spec.selector.matchLabels)).toBe(true);
    expect(matches(one("NetworkPolicy").spec.podSelector.matchLabels)).toBe(true);
    expect(matches(one("Service").spec.selector)).toBe(true);
  });

  it("grants exactly the verbs of the API calls Firebreak makes, plus impersonate", () => {
    // Every client-node adapter: actions and read views, config backups, scan Jobs.
    const source = readdirSync(path.join(ROOT, "lib/kube"))
      .filter((f) => /^client-node-.*\.ts$/.test(f) && !f.endsWith(".test.ts"))
      .map((f) => readFileSync(path.join(ROOT, "lib/kube", f), "utf8"))
      .join("\n");
    // The adapters' own methods (this.deleteJob(...)) are not API calls.
    const ownMethods = new Set([...source.matchAll(/^\s+(?:async\s+)?(\w+)\(/gm)].map((m) => m[1]!));
    const CALLS: Record<string, string> = {
      readNamespacedService: "/services/get",
      patchNamespacedService: "/services/patch",
      readNamespacedEndpoints: "/endpoints/get",
      listNamespacedPod: "/pods/list",
      readNamespacedDeployment: "apps/deployments/get",
      patchNamespacedDeployment: "apps/deployments/patch",
      patchNamespacedDeploymentScale: "apps/deployments/scale/patch",
      listNamespacedReplicaSet: "apps/replicasets/list",
      createNamespacedNetworkPolicy: "networking.k8s.io/networkpolicies/create",
      readNamespacedNetworkPolicy: "networking.k8s.io/networkpolicies/get",
      replaceNamespacedNetworkPolicy: "networking.k8s.io/networkpolicies/update",
      listNamespacedCustomObject: "metrics.k8s.io/pods/list",
      createSelfSubjectAccessReview: "authorization.k8s.io/selfsubjectaccessreviews/create",
      readNamespacedConfigMap: "/configmaps/get",
      patchNamespacedConfigMap: "/configmaps/patch",
      readNamespacedSecret: "/secrets/get",
      patchNamespacedSecret: "/secrets/patch",
      createNamespacedJob: "batch/jobs/create",
      readNamespacedJob: "batch/jobs/get",
      listNamespacedJob: "batch/jobs/list",
      deleteNamespacedJob: "batch/jobs/delete",
      readNamespacedPodLog: "/pods/log/get",
    };
    const called = [
      ...source.matchAll(/\.((?:read|list|patch|create|replace|delete)(?:Namespaced)?[A-Z]\w+)\(/g),
    ]
      .map((m) => m[1]!)
      .filter((c) => !ownMethods.has(c));
    const unknown = called.filter((c) => !(c in CALLS));
    expect(unknown, "a new client-node call: add it to CALLS and to deploy/rbac.yaml").toEqual([]);
    const needed = new Set(called.map((c) => CALLS[c]!));
    if (source.includes("new k8s.Log(")) needed.add("/pods/log/get");
    needed.add("/users/impersonate").add("/groups/impersonate");
    const granted = new Set<string>();
    for (const rule of one("ClusterRole").rules as Array<{
      apiGroups: string[];
      resources: string[];
      verbs: string[];
    }>)
      for (const g of rule.apiGroups)
        for (const r of rule.resources) for (const v of rule.verbs) granted.add(`${g}/${r}/${v}`);
    expect([...granted].sort()).toEqual([...needed].sort());
  });

  it("is accepted by `kubectl apply --dry-run=server` against the Kubernetes double, storing nothing", async () => {
    const target = { kubeconfig: kube.kubeconfigPath, cacheDir: path.join(tmp, "cache") };
    const file = path.join(tmp, "rendered.yaml");
    writeFileSync(file, rendered);
    // As on a real cluster, a dry run cannot create objects inside a namespace that does not
    // exist yet; the namespace is created first. The double serves no OpenAPI, hence --validate=false.
    const ns = await runKubectl(target, [
      "apply",
      "--validate=false",
      "-f",
      path.join(ROOT, "deploy/namespace.yaml"),
    ]);
    expect(ns.stderr).toBe("");
    const dry = await runKubectl(target, ["apply", "--dry-run=server", "--validate=false", "-f", file]);
    expect(dry.stderr).toBe("");
    expect(dry.code).toBe(0);
    for (const line of [
      "serviceaccount/firebreak created (server dry run)",
      "clusterrole.rbac.authorization.k8s.io/firebreak created (server dry run)",
      "deployment.apps/firebreak created (server dry run)",
      "poddisruptionbudget.policy/firebreak created (server dry run)",
      "networkpolicy.networking.k8s.io/firebreak created (server dry run)",
    ])
      expect(dry.stdout).toContain(line);
    const left = await runKubectl(target, ["get", "deploy,sa,pdb", "-n", "firebreak", "-o", "name"]);
    expect(left.stdout.trim()).toBe("");
  });
});
