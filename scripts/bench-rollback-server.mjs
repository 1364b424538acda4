// The production server the rollback benchmark clicks: `next start` on a build, on the
// benchmark's database and Kubernetes double, with a signed-in session.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer as createNetServer } from "node:net";
import path from "node:path";

function freePort() {
  return new Promise((resolve) => {
    const s = createNetServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** The action id of `file#name` in the build's server-reference manifest. */
export function actionId(dist, file, name) {
  const manifest = JSON.parse(
    readFileSync(path.join(dist, "server", "server-reference-manifest.json"), "utf8"),
  );
  const found = Object.entries(manifest.node).find(
    ([, e]) => e.exportedName === name && e.filename?.endsWith(file),
  );
  if (!found) throw new Error(`server action ${file}#${name} is not in the build at ${dist}`);
  return found[0];
}

/** `next start` on the build, on the benchmark's database and Kubernetes double. */
export async function startServer(dist, dbUrl, kubeconfig) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        NODE_ENV: "production",
        // Relative to the project, as next.config.ts reads it.
        NEXT_DIST_DIR: path.relative(process.cwd(), dist),
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: dbUrl,
        KUBECONFIG: kubeconfig,
        FIREBREAK_URL: base,
        FIREBREAK_AUTH_SECRET: "bench-rollback-auth-secret-0123456789abcdef",
        FIREBREAK_SECRET_KEY: "0".repeat(64),
        FIREBREAK_BREAK_GLASS: "enabled",
        COLLECTOR_ENABLED: "false",
        OUTBOUND_ALLOW_CIDRS: "127.0.0.0/8",
      },
    },
  );
  const output = [];
  for (const s of [child.stdout, child.stderr]) s.on("data", (d) => output.push(String(d)));
  const stop = () => {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {}
  };
  for (const deadline = Date.now() + 90_000; ;) {
    const res = await fetch(`${base}/api/health/ready`).catch(() => null);
    if (res?.ok) return { base, stop };
    if (child.exitCode !== null || Date.now() > deadline) {
      stop();
      throw new Error(`next start did not become ready:\n${output.join("").slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Signs in with email and password; returns the session cookie. */
export async function signIn(base, email, password) {
  const res = await fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email, password }),
  });
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.includes("firebreak.session_token="))
    ?.split(";")[0];
  if (!cookie) throw new Error(`sign-in failed: HTTP ${res.status} ${await res.text()}`);
  return cookie;
}
