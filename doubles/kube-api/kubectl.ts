// Test helper: runs the REAL kubectl against a kubeconfig (the double's, in tests). Tests and
// benchmarks import this; app code never does. /usr/bin/kubectl here is google-cloud-sdk's
// dispatcher (kubectl 1.32); KUBECTL_PATH points elsewhere (e.g. Debian's kubernetes-client).
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";

export const KUBECTL_PATH = process.env.KUBECTL_PATH ?? "/usr/bin/kubectl";

export type KubectlResult = { code: number; stdout: string; stderr: string };

/** Fails loudly (never skips) when kubectl is absent: the fidelity proof needs the real one. */
export function assertKubectlPresent(): void {
  if (!existsSync(KUBECTL_PATH)) {
    throw new Error(
      `${KUBECTL_PATH} is missing: these tests need the real kubectl (Debian: extract kubernetes-client with ` +
        "`apt-get download kubernetes-client && dpkg-deb -x`, then set KUBECTL_PATH).",
    );
  }
}

export function runKubectl(
  target: { kubeconfig: string; cacheDir: string; home?: string },
  args: string[],
): Promise<KubectlResult> {
  return new Promise((resolve) => {
    execFile(
      KUBECTL_PATH,
      ["--kubeconfig", target.kubeconfig, "--cache-dir", target.cacheDir, "--request-timeout=20s", ...args],
      {
        timeout: 60_000,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, HOME: target.home ?? target.cacheDir, KUBECONFIG: target.kubeconfig },
      },
      (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** runKubectl that throws with kubectl's stderr unless it exits 0; returns stdout. */
export async function runKubectlOk(
  target: Parameters<typeof runKubectl>[0],
  args: string[],
): Promise<string> {
  const r = await runKubectl(target, args);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(" ")} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}
