/**
 * Active checks (only with --active-checks): rate_limit sends a 12-request burst once per host
 * (counted, never retried); cve_templates runs the CVE-2022-22947 template (the fixture
 * template: GET /actuator/gateway/routes, status 200, body matchers) once per host when the
 * scanned URL's path has one of its context hints.
 */
import { finding } from "./findings";
import type { ScanContext } from "./scanners";

export async function rateLimit(url: string, ctx: ScanContext) {
  const host = new URL(url).host;
  if (!ctx.onceFor(`rate:${host}`)) return;
  const statuses: number[] = [];
  let limited = false;
  for (let i = 0; i < 12; i++) {
    const r = await ctx.client.once(url);
    statuses.push(r.status);
    if (r.status === 429 || r.headers.get("ratelimit-limit") || r.headers.get("x-ratelimit-limit"))
      limited = true;
  }
  if (limited) return;
  const tally = Object.entries(
    statuses.reduce<Record<number, number>>((a, s) => ({ ...a, [s]: (a[s] ?? 0) + 1 }), {}),
  );
  ctx.emit(
    finding({
      url,
      check: "rate_limit/not-detected",
      title: "No rate limiting detected in burst probe",
      severity: "LOW",
      detail: "A controlled burst did not trigger 429 and no rate-limit headers were observed.",
      evidence: `Host: ${host}\nBurst: 12\n429s: 0\nStatuses: ${tally.map(([s, n]) => `${s}:${n}`).join(",")}`,
      remediation:
        "Apply endpoint-level rate limits and emit standard rate-limit headers and 429 responses when thresholds are exceeded.",
      scanner: "rate_limit",
    }),
  );
}

const CVE_CONTEXT = ["/api", "/actuator", "/gateway", "/admin", "/users"];

export async function cveTemplates(url: string, ctx: ScanContext) {
  const u = new URL(url);
  if (!CVE_CONTEXT.some((c) => u.pathname.includes(c)) || !ctx.onceFor(`cve-2022-22947:${u.host}`)) return;
  const probeUrl = `${u.origin}/actuator/gateway/routes`;
  const r = await ctx.client.request(probeUrl);
  const matches =
    r.status === 200 &&
    r.body.includes("predicate") &&
    ["route_id", "predicates", "filters"].some((s) => r.body.includes(s));
  if (!matches) return;
  ctx.emit(
    finding({
      url: probeUrl,
      check: "cve/cve-2022-22947/spring-cloud-gateway-actuator-exposed",
      title: "Spring Cloud Gateway actuator routes exposed",
      severity: "HIGH",
      detail:
        "Potential exposure associated with Spring Cloud Gateway actuator route manipulation CVEs.\nTemplate source: nuclei:http/cves/2022/CVE-2022-22947.yaml",
      evidence: `Template: CVE-2022-22947\nMethod: GET\nURL: ${probeUrl}\nStatus: ${r.status}\nBody snippet: ${r.body.slice(0, 40)}...`,
      remediation:
        "Restrict /actuator/gateway endpoints, enforce authN/authZ, and disable unnecessary actuator exposure.",
      scanner: "cve_templates",
    }),
  );
}
