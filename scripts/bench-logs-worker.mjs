// One measurement of scripts/bench-logs.mjs in its own process (so its peak RSS is its own):
// reads the pods of a Deployment the way containment does (bounded) or whole (the unbounded
// read Firebreak used to make), then prints {baselineMb, peakMb, bytes, truncated} as JSON.
import { ClientNodeCluster } from "../lib/kube/client-node-cluster.ts";
import { readPodLogsBounded } from "../lib/remediation/pod-logs.ts";

const [kubeconfigPath, deployment, mode] = process.argv.slice(2);
const cluster = new ClientNodeCluster({ kubeconfigPath, timeoutMs: 120_000 });
const pods = await cluster.listPodsMatching("default", { matchLabels: { app: deployment } });
global.gc?.();
const baselineMb = process.memoryUsage().rss / 2 ** 20;
let bytes = 0;
let truncated = false;
if (mode === "bounded") {
  // Containment's budget: 200 KB for all pods, 2,000 lines each, 4 pods at a time.
  const logs = await readPodLogsBounded(cluster, pods, {
    namespace: "default",
    tailLines: 2_000,
    totalBytes: 200_000,
  });
  for (const l of logs) {
    bytes += Buffer.byteLength(l.text);
    truncated ||= l.truncated;
    if (l.error && !l.error.startsWith("skipped")) throw new Error(l.error);
  }
} else {
  // Unbounded: whole logs, every pod at once, as a plain readNamespacedPodLog would.
  const k8s = await import("@kubernetes/client-node");
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const texts = await Promise.all(
    pods.map((p) =>
      core.readNamespacedPodLog({ namespace: "default", name: p.name, container: p.containers[0] }),
    ),
  );
  bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
}
const peakMb = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ pods: pods.length, baselineMb, peakMb, bytes, truncated }));
