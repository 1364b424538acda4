// The demo's Prometheus and Alertmanager for `npm run dev`, when Debian's `prometheus` and
// `prometheus-alertmanager` are installed: Prometheus scrapes the optimizer double and
// evaluates the runbook's alert rules; Alertmanager posts to the console's webhook with a
// token made for this run. Without the binaries the console works as before and this says
// how to install them.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PROMETHEUS = process.env.PROMETHEUS_BIN ?? "/usr/bin/prometheus";
const ALERTMANAGER = process.env.ALERTMANAGER_BIN ?? "/usr/bin/prometheus-alertmanager";
const PROM_PORT = 19090;
const AM_PORT = 19093;

/** @returns {Promise<{ env: Record<string, string>, stop: () => void }>} */
export async function startMonitoring({ appPort, optimizerHostPort = "127.0.0.1:18090", log = console.log }) {
  if (!existsSync(PROMETHEUS) || !existsSync(ALERTMANAGER)) {
    log(
      "[monitoring] Prometheus/Alertmanager not installed: `apt-get install prometheus prometheus-alertmanager` " +
        "adds alerts to the demo (the console works without them).",
    );
    return { env: {}, stop: () => {} };
  }
  const dir = path.join(ROOT, ".data/demo/monitoring");
  mkdirSync(dir, { recursive: true });
  const token = randomBytes(24).toString("hex");
  const tsx = path.join(ROOT, "node_modules/.bin/tsx");
  const rules = spawnSync(tsx, ["scripts/write-alert-rules.ts", path.join(dir, "rules.yml")], { cwd: ROOT });
  if (rules.status !== 0) throw new Error(`writing alert rules failed: ${rules.stderr}`);
  writeFileSync(
    path.join(dir, "prometheus.yml"),
    [
      "global:\n  scrape_interval: 15s\n  evaluation_interval: 15s",
      "rule_files: [rules.yml]",
      `alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: ["127.0.0.1:${AM_PORT}"]`,
      `scrape_configs:\n  - job_name: api-optimizer\n    static_configs:\n      - targets: ["${optimizerHostPort}"]`,
    ].join("\n"),
  );
  writeFileSync(
    path.join(dir, "alertmanager.yml"),
    [
      "route:\n  receiver: firebreak\n  group_by: [alertname, job]\n  group_wait: 5s\n  group_interval: 30s\n  repeat_interval: 4h",
      "receivers:\n  - name: firebreak\n    webhook_configs:",
      `      - url: "http://127.0.0.1:${appPort}/api/alerts/webhook"\n        send_resolved: true`,
      `        http_config:\n          authorization:\n            credentials: "${token}"`,
    ].join("\n"),
  );
  const children = [
    spawn(
      PROMETHEUS,
      [
        `--config.file=${path.join(dir, "prometheus.yml")}`,
        `--storage.tsdb.path=${path.join(dir, "prometheus-data")}`,
        `--web.listen-address=127.0.0.1:${PROM_PORT}`,
        "--web.enable-admin-api",
      ],
      { stdio: "ignore" },
    ),
    spawn(
      ALERTMANAGER,
      [
        `--config.file=${path.join(dir, "alertmanager.yml")}`,
        `--storage.path=${path.join(dir, "alertmanager-data")}`,
        `--web.listen-address=127.0.0.1:${AM_PORT}`,
        "--cluster.listen-address=",
      ],
      { stdio: "ignore" },
    ),
  ];
  log(`[monitoring] Prometheus http://127.0.0.1:${PROM_PORT}, Alertmanager http://127.0.0.1:${AM_PORT}`);
  return {
    env: {
      PROMETHEUS_URL: `http://127.0.0.1:${PROM_PORT}`,
      ALERTMANAGER_URL: `http://127.0.0.1:${AM_PORT}`,
      ALERT_WEBHOOK_TOKEN: token,
    },
    stop: () => children.forEach((c) => c.kill("SIGTERM")),
  };
}
