// Test helper: the real Prometheus and Alertmanager (Debian's `prometheus` and
// `prometheus-alertmanager`) as child processes on free ports, with generated configuration.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { freePort, startProcess, waitFor, type Proc } from "./spawn";

export const PROMETHEUS_BIN = process.env.PROMETHEUS_BIN ?? "/usr/bin/prometheus";
export const PROMTOOL_BIN = process.env.PROMTOOL_BIN ?? "/usr/bin/promtool";
export const ALERTMANAGER_BIN = process.env.ALERTMANAGER_BIN ?? "/usr/bin/prometheus-alertmanager";
export const AMTOOL_BIN = process.env.AMTOOL_BIN ?? "/usr/bin/amtool";

/** Fails loudly (never skips) when a binary is missing, saying what to install. */
export function requireBinary(bin: string): string {
  if (!existsSync(bin))
    throw new Error(
      `${bin} not found: apt-get install prometheus prometheus-alertmanager (see README, Test)`,
    );
  return bin;
}

export type Running = Proc & { url: string; dir: string };

export async function startPrometheus(options: {
  targets: Array<{ job: string; hostPort: string }>;
  rulesYaml?: string;
  alertmanagerHostPort?: string;
  intervalSeconds?: number;
}): Promise<Running> {
  const dir = mkdtempSync(path.join(tmpdir(), "fb-prom-"));
  const port = await freePort();
  const interval = `${options.intervalSeconds ?? 1}s`;
  if (options.rulesYaml) writeFileSync(path.join(dir, "rules.yml"), options.rulesYaml);
  const config = [
    "global:",
    `  scrape_interval: ${interval}`,
    `  evaluation_interval: ${interval}`,
    options.rulesYaml ? "rule_files: [rules.yml]" : "",
    options.alertmanagerHostPort
      ? `alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: ["${options.alertmanagerHostPort}"]`
      : "",
    "scrape_configs:",
    ...options.targets.map(
      (t) => `  - job_name: "${t.job}"\n    static_configs:\n      - targets: ["${t.hostPort}"]`,
    ),
  ].join("\n");
  writeFileSync(path.join(dir, "prometheus.yml"), config);
  const proc = startProcess(requireBinary(PROMETHEUS_BIN), [
    `--config.file=${path.join(dir, "prometheus.yml")}`,
    `--storage.tsdb.path=${path.join(dir, "data")}`,
    `--web.listen-address=127.0.0.1:${port}`,
    "--web.enable-admin-api",
    "--web.enable-lifecycle",
  ]);
  return ready(proc, `http://127.0.0.1:${port}`, dir, "Prometheus");
}

export async function startAlertmanager(options: {
  webhookUrl: string;
  bearerToken: string;
}): Promise<Running> {
  const dir = mkdtempSync(path.join(tmpdir(), "fb-am-"));
  const port = await freePort();
  const config = [
    "route:",
    "  receiver: firebreak",
    "  group_by: [alertname, job]",
    "  group_wait: 0s",
    "  group_interval: 1s",
    "  repeat_interval: 1h",
    "receivers:",
    "  - name: firebreak",
    "    webhook_configs:",
    `      - url: "${options.webhookUrl}"`,
    "        send_resolved: true",
    "        http_config:",
    "          authorization:",
    `            credentials: "${options.bearerToken}"`,
  ].join("\n");
  writeFileSync(path.join(dir, "alertmanager.yml"), config);
  const proc = startProcess(requireBinary(ALERTMANAGER_BIN), [
    `--config.file=${path.join(dir, "alertmanager.yml")}`,
    `--storage.path=${path.join(dir, "data")}`,
    `--web.listen-address=127.0.0.1:${port}`,
    "--cluster.listen-address=",
  ]);
  return ready(proc, `http://127.0.0.1:${port}`, dir, "Alertmanager");
}

async function ready(proc: Proc, url: string, dir: string, what: string): Promise<Running> {
  await waitFor(
    async () => (await fetch(`${url}/-/ready`)).ok,
    30_000,
    `${what} at ${url}: ${proc.output()}`,
  );
  return {
    ...proc,
    url,
    dir,
    stop: async () => {
      const code = await proc.stop();
      rmSync(dir, { recursive: true, force: true });
      return code;
    },
  };
}
