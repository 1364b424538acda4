/**
 * The scan: dedupe seeds, optional discovery (robots.txt and common API paths per site, each
 * step timing out at 2× --timeout-secs), cap per site (--max-endpoints, 0 = unlimited), then
 * every enabled scanner on every URL, at most --concurrency URLs at once. Transport failures
 * become error records; scanner_findings/scanner_errors are raw per-scanner counts.
 */
import type { Options } from "./cli";
import { utcNow, type ErrorRecord, type Finding } from "./findings";
import { TransportError, type HttpClient } from "./http";
import { SCANNERS, type ScanContext } from "./scanners";

export type ScanResult = {
  scanned: number;
  skipped: number;
  findings: Finding[];
  errors: ErrorRecord[];
  scannerFindings: Record<string, number>;
  scannerErrors: Record<string, number>;
};

const COMMON_PATHS = ["/api", "/graphql", "/openapi.json"];

async function discover(
  site: string,
  o: Options,
  client: HttpClient,
  errors: ErrorRecord[],
): Promise<string[]> {
  const origin = new URL(site).origin;
  const found: string[] = [];
  const step = async (name: string, fn: () => Promise<void>) => {
    const limit = 2 * o.timeoutSecs;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<"timeout">((r) => (timer = setTimeout(() => r("timeout"), limit * 1000)));
    try {
      const r = await Promise.race([fn().then(() => "done" as const), timeout]);
      if (r === "timeout")
        errors.push({
          url: site,
          kind: "String",
          message: `Discovery step '${name}' timed out after ${limit}s`,
        });
    } catch (e) {
      const kind = e instanceof TransportError ? "dyn core::error::Error" : "String";
      errors.push({ url: site, kind, message: (e as Error).message });
    } finally {
      clearTimeout(timer);
    }
  };
  await step("robots", async () => {
    const r = await client.request(`${origin}/robots.txt`);
    if (r.status !== 200) return;
    for (const m of r.body.matchAll(/^(?:dis)?allow:\s*(\/\S*)/gim)) {
      const path = m[1] ?? "";
      if (path && !path.includes("*")) found.push(origin + path);
    }
  });
  await step("common-paths", async () => {
    for (const p of COMMON_PATHS) {
      const r = await client.request(origin + p);
      if (r.status >= 200 && r.status < 400) found.push(origin + p);
    }
  });
  return found;
}

export async function scan(
  seeds: string[],
  o: Options,
  client: HttpClient,
  hooks: { onFinding: (f: Finding) => void; onProgress: (done: number, total: number) => void },
): Promise<ScanResult> {
  const errors: ErrorRecord[] = [];
  const unique = [...new Set(seeds)];
  let skipped = seeds.length - unique.length;
  let targets = unique;
  if (!o.noDiscovery) {
    const merged = [...unique];
    for (const site of unique) merged.push(...(await discover(site, o, client, errors)));
    const dedup = [...new Set(merged)];
    skipped += merged.length - dedup.length;
    targets = dedup;
  }
  if (o.maxEndpoints > 0) {
    const perSite = new Map<string, number>();
    targets = targets.filter((u) => {
      const site = new URL(u).origin;
      const n = (perSite.get(site) ?? 0) + 1;
      perSite.set(site, n);
      if (n > o.maxEndpoints) skipped += 1;
      return n <= o.maxEndpoints;
    });
  }

  const enabled = SCANNERS.filter((s) => (!s.active || o.activeChecks) && !o.disabled.has(s.name));
  const scannerFindings: Record<string, number> = {};
  const scannerErrors: Record<string, number> = {};
  for (const s of targets.length > 0 ? enabled : []) {
    scannerFindings[s.name] = 0;
    scannerErrors[s.name] = 0;
  }
  const findings: Finding[] = [];
  const once = new Set<string>();
  let done = 0;
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const url = targets[next++] as string;
      for (const s of enabled) {
        const ctx: ScanContext = {
          client,
          active: o.activeChecks,
          onceFor: (k) => !once.has(k) && Boolean(once.add(k)),
          emit: (f) => {
            scannerFindings[s.name] = (scannerFindings[s.name] ?? 0) + 1;
            findings.push(f);
            hooks.onFinding(f);
          },
        };
        try {
          await s.run(url, ctx);
        } catch (e) {
          scannerErrors[s.name] = (scannerErrors[s.name] ?? 0) + 1;
          const transport = e instanceof TransportError;
          errors.push({
            url: transport ? e.url : url,
            kind: transport ? "dyn core::error::Error" : "String",
            message: transport ? e.message : `${s.name}: ${(e as Error).message}`,
          });
        }
      }
      hooks.onProgress(++done, targets.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.concurrency, Math.max(targets.length, 1)) }, worker));
  return { scanned: targets.length, skipped, findings, errors, scannerFindings, scannerErrors };
}

export { utcNow };
