// Log-read memory benchmark: peak RSS of a Firebreak process reading pod logs from the
// Kubernetes API double — one pod with a 50 MB log (the server honouring limitBytes, and a
// server ignoring it, so the client must cut the stream), 200 pods of 1 MB each, and the
// unbounded whole-log read for comparison. Each measurement runs in a fresh process.
//
//   npm run bench:logs
import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { startKubeDouble } from "../doubles/kube-api/spawn.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const MB = 1024 * 1024;

async function createApp(url, name, { replicas, logBytes, ignoreLimit }) {
  const res = await fetch(`${url}/apis/apps/v1/namespaces/default/deployments`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name },
      spec: {
        replicas,
        selector: { matchLabels: { app: name } },
        template: {
          metadata: {
            labels: { app: name },
            annotations: {
              "double.firebreak.dev/log-bytes": String(logBytes),
              "double.firebreak.dev/ignore-limit-bytes": String(ignoreLimit),
            },
          },
          spec: {
            containers: [
              { name: "app", image: `${name}:1` },
              { name: "sidecar", image: "envoy:1" },
            ],
          },
        },
      },
    }),
  });
  if (res.status !== 201) throw new Error(`create ${name}: ${res.status} ${await res.text()}`);
}

function measure(kubeconfig, app, mode) {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [
        "--conditions=react-server",
        "--import",
        "tsx",
        "scripts/bench-logs-worker.mjs",
        kubeconfig,
        app,
        mode,
      ],
      { cwd: ROOT, timeout: 300_000, maxBuffer: MB },
      (err, stdout, stderr) =>
        err
          ? reject(new Error(`${app}/${mode}: ${stderr || err.message}`))
          : resolve(JSON.parse(stdout.trim().split("\n").pop())),
    );
  });
}

const kube = await startKubeDouble({ readyDelayMs: 0, demo: false });
try {
  await createApp(kube.url, "big", { replicas: 1, logBytes: 50 * MB, ignoreLimit: false });
  await createApp(kube.url, "big-nolimit", { replicas: 1, logBytes: 50 * MB, ignoreLimit: true });
  await createApp(kube.url, "many", { replicas: 200, logBytes: 1 * MB, ignoreLimit: true });
  const rows = [
    ["50 MB log, bounded read", await measure(kube.kubeconfigPath, "big", "bounded")],
    [
      "50 MB log, server ignores limitBytes, bounded read",
      await measure(kube.kubeconfigPath, "big-nolimit", "bounded"),
    ],
    ["200 pods x 1 MB, bounded read", await measure(kube.kubeconfigPath, "many", "bounded")],
    ["50 MB log, unbounded whole read (before)", await measure(kube.kubeconfigPath, "big-nolimit", "whole")],
  ];
  for (const [name, r] of rows)
    console.log(
      `${name.padEnd(52)} pods ${String(r.pods).padStart(3)}  read ${(r.bytes / 1024).toFixed(0).padStart(6)} KB  baseline ${r.baselineMb.toFixed(0)} MB  peak RSS ${r.peakMb.toFixed(0)} MB`,
    );
  const peak = (i) =>
    `${rows[i][1].peakMb.toFixed(0)} MB (+${(rows[i][1].peakMb - rows[i][1].baselineMb).toFixed(0)} MB)`;
  console.log(
    `bench:logs peak RSS (over the process's baseline) — 50 MB log: ${peak(0)}; limitBytes ignored by the server: ${peak(1)}; 200 pods: ${peak(2)}; unbounded whole read: ${peak(3)}`,
  );
} finally {
  await kube.stop();
}
