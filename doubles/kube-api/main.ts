// Kubernetes API double: `tsx doubles/kube-api/main.ts --port 18080 --kubeconfig-out .data/demo/kubeconfig.yaml --demo`
import { writeKubeconfig } from "./kubeconfig";
import { createKubeDouble } from "./server";

function parseArgs(argv: string[]) {
  const opts = {
    port: 18080,
    kubeconfigOut: undefined as string | undefined,
    readyDelayMs: 3000,
    demo: false,
    host: "127.0.0.1",
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === "--port") opts.port = Number(value());
    else if (arg === "--kubeconfig-out") opts.kubeconfigOut = value();
    else if (arg === "--ready-delay-ms") opts.readyDelayMs = Number(value());
    else if (arg === "--host") opts.host = value();
    else if (arg === "--demo") opts.demo = true;
    else throw new Error(`unknown argument ${arg}`);
  }
  if (!Number.isInteger(opts.port) || opts.port < 0)
    throw new Error("--port must be a port number (0 = any free port)");
  if (!Number.isFinite(opts.readyDelayMs) || opts.readyDelayMs < 0)
    throw new Error("--ready-delay-ms must be >= 0");
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const double = createKubeDouble({ readyDelayMs: opts.readyDelayMs, demo: opts.demo });
double.server.listen(opts.port, opts.host, () => {
  const address = double.server.address();
  const port = typeof address === "object" && address ? address.port : opts.port;
  const url = `http://${opts.host}:${port}`;
  if (opts.kubeconfigOut) writeKubeconfig(opts.kubeconfigOut, url);
  // One JSON line on stdout: spawn.ts reads the port from it.
  process.stdout.write(
    `${JSON.stringify({ event: "listening", url, port, kubeconfig: opts.kubeconfigOut ?? null, demo: opts.demo })}\n`,
  );
});

const shutdown = () => void double.close().then(() => process.exit(0));
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
