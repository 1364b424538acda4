/**
 * The ApiHunter double's process: the real binary's order of effects (contract 1.1) —
 * arguments → validation → seeds → pre-filter → banner → output file created/truncated →
 * scan (streaming findings with --stream) → baseline loaded → report written → summary box
 * and report on stdout unless --quiet → auto-report unless --no-auto-report → exit bits.
 * APIHUNTER_DOUBLE_ARGV_LOG, when set, gets one JSON line per invocation with its argv.
 */
import {
  appendFileSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import path from "node:path";

import { parseArgv, validate, VERSION, warnings, type Options } from "./cli";
import { utcNow, type Finding } from "./findings";
import { HttpClient, reachable } from "./http";
import { readSeeds } from "./inputs";
import {
  renderNdjson,
  renderPretty,
  renderSarif,
  streamFinding,
  streamHead,
  streamTail,
  summaryBox,
} from "./output";
import {
  baselineKeys,
  dedupeAndSort,
  exitCode,
  filterFindings,
  summarize,
  type ReportDocument,
} from "./report";
import { scan } from "./scan";

const argv = process.argv.slice(2);
// A relative log path is from the repository root: scans run in their own working directory.
const logEnv = process.env.APIHUNTER_DOUBLE_ARGV_LOG;
const logFile = logEnv ? path.resolve(import.meta.dirname, "../..", logEnv) : null;
if (logFile) {
  mkdirSync(path.dirname(logFile), { recursive: true });
  appendFileSync(
    logFile,
    `${JSON.stringify({ argv, cwd: process.cwd(), pid: process.pid, at: utcNow() })}\n`,
  );
}

let quietLogs = false;
const log = (level: "INFO" | "WARN" | "ERROR", msg: string) => {
  if (quietLogs && level !== "ERROR") return;
  process.stderr.write(`${new Date().toISOString()} ${level.padStart(5)} apihunter: ${msg}\n`);
};
const fatal = (msg: string): never => {
  log("ERROR", `Error: ${msg}`);
  process.exit(2);
};

async function main(): Promise<number> {
  const parsed = parseArgv(argv);
  if (parsed.kind === "refused") {
    process.stderr.write(parsed.stderr);
    return parsed.code;
  }
  if (parsed.kind !== "run") {
    process.stdout.write(parsed.text);
    return 0;
  }
  const o = parsed.options;
  quietLogs = o.quiet;
  const invalid = validate(o);
  if (invalid) fatal(invalid);
  for (const f of [o.authFlow, o.authFlowB])
    if (f !== undefined && !existsSync(f)) fatal("--auth-flow file not found");
  for (const w of warnings(o)) log("WARN", w);

  let seeds: string[] = [];
  try {
    seeds = readSeeds(o, () => readFileSync(0, "utf8"));
  } catch (e) {
    fatal((e as Error).message);
  }
  if (seeds.length === 0) {
    log("INFO", "No URLs provided — nothing to scan.");
    return 0;
  }

  const client = new HttpClient({
    retries: o.retries,
    timeoutMs: o.timeoutSecs * 1000,
    delayMs: o.delayMs,
    headers: requestHeaders(o),
  });
  if (!o.noFilter) {
    const ok = await mapLimit(seeds, 20, (u) =>
      reachable(u, o.filterTimeoutSecs * 1000, (x) => client.pace(x)),
    );
    seeds.forEach((u, i) => ok[i] || log("INFO", `Dropping inaccessible URL ${u}`));
    seeds = seeds.filter((_, i) => ok[i]);
    if (seeds.length === 0) {
      log("INFO", "No accessible URLs remaining after filtering.");
      return 0;
    }
  }
  process.stderr.write(`ApiHunter v${VERSION} | Targets: ${seeds.length}\n`);

  const fd = o.output ? openSync(o.output, "w") : null;
  const sink = (text: string) => (fd === null ? process.stdout.write(text) : writeSync(fd, text));
  const streaming = o.stream && o.format === "ndjson" && !o.baseline;
  const started = Date.now();
  if (streaming) sink(streamHead(utcNow()));
  const streamed = new Set<string>();
  const result = await scan(seeds, o, client, {
    onFinding: (f: Finding) => {
      const k = `${f.url}\u0000${f.check}`;
      if (!streaming || streamed.has(k)) return;
      streamed.add(k);
      sink(streamFinding(f));
    },
    onProgress: (i, n) => {
      if (!o.quiet) process.stderr.write(`[${i}/${n}] (${((100 * i) / n).toFixed(1)}%)\n`);
    },
  });
  let baseline: Set<string> | undefined;
  if (o.baseline) {
    let text = "";
    try {
      text = readFileSync(o.baseline, "utf8");
    } catch (e) {
      fatal(`Failed to read baseline file '${o.baseline}': ${(e as Error).message}`);
    }
    const keys = baselineKeys(text);
    if (!keys.ok) fatal(keys.error);
    else baseline = keys.keys;
  }
  const findings = filterFindings(dedupeAndSort(result.findings), o.minSeverity, baseline);
  const elapsedMs = Date.now() - started;
  const doc: ReportDocument = {
    meta: {
      generated_at: utcNow(),
      elapsed_ms: elapsedMs,
      scanned: result.scanned,
      skipped: result.skipped,
      scanner_ver: VERSION,
      runtime_metrics: {
        http_requests: client.counters.requests,
        http_retries: client.counters.retries,
        scanner_findings: sorted(result.scannerFindings),
        scanner_errors: sorted(result.scannerErrors),
      },
    },
    summary: summarize(findings, result.errors),
    findings,
    errors: result.errors,
  };
  const rendered =
    o.format === "sarif" ? renderSarif(doc) : o.format === "ndjson" ? renderNdjson(doc) : renderPretty(doc);
  if (streaming) sink(streamTail(doc.summary, doc.meta, doc.errors));
  else if (fd !== null) writeSync(fd, rendered);
  if (fd !== null) closeSync(fd);
  if (o.summary || !o.quiet) process.stdout.write(summaryBox(doc.summary, elapsedMs));
  if (!o.quiet && !(streaming && fd === null)) process.stdout.write(rendered);
  if (!o.quiet)
    process.stderr.write(`✅ Completed ${result.scanned} items in ${(elapsedMs / 1000).toFixed(2)}s\n`);
  if (!o.noAutoReport) autoReport(doc);
  const code = exitCode(findings, result.errors, o.failOn);
  if (code & 1)
    process.stderr.write(`Findings at or above '${o.failOn.toUpperCase()}' threshold detected (exit 1).\n`);
  return code;
}

function requestHeaders(o: Options): Record<string, string> {
  const h: Record<string, string> = { "user-agent": `apihunter/${VERSION}` };
  for (const pair of o.headers) {
    const i = pair.indexOf(":");
    h[pair.slice(0, i).trim().toLowerCase()] = pair.slice(i + 1).trim();
  }
  if (o.cookies.length) h.cookie = o.cookies.join("; ");
  if (o.authBearer && !h.authorization) h.authorization = `Bearer ${o.authBearer}`;
  if (o.authBasic && !h.authorization)
    h.authorization = `Basic ${Buffer.from(o.authBasic).toString("base64")}`;
  return h;
}

function sorted(r: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : 1)));
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let i = 0;
  const run = async () => {
    while (i < items.length) {
      const k = i++;
      out[k] = await fn(items[k] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, run));
  return out;
}

/** ~/Documents/ApiHunterReports/<YYYYmmdd_HHMMSS>/{findings.json,summary.md,scan.log} (on by default). */
function autoReport(doc: ReportDocument): void {
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace("T", "_").slice(0, 15);
  const dir = path.join(process.env.HOME ?? ".", "Documents", "ApiHunterReports", stamp);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "findings.json"), renderPretty(doc));
  writeFileSync(
    path.join(dir, "summary.md"),
    `# ApiHunter scan\n\nFindings: ${doc.summary.total}\nErrors: ${doc.summary.errors}\n`,
  );
  writeFileSync(path.join(dir, "scan.log"), `scanned ${doc.meta.scanned} in ${doc.meta.elapsed_ms} ms\n`);
}

main().then(
  (code) => process.stdout.write("", () => process.exit(code)),
  (e: unknown) => {
    log("ERROR", `Error: ${(e as Error).stack ?? String(e)}`);
    process.exit(2);
  },
);
