/**
 * The checks the double really performs against a target, each reading a real response:
 * cors (Origin reflection, wildcard, Vary), csp (missing/report-only), api_security (security
 * headers, exposed debug endpoints per host) and, only with --active-checks, cors preflight,
 * rate_limit (a 12-request burst per host) and cve_templates (CVE-2022-22947, the fixture
 * template: GET /actuator/gateway/routes when the scanned path has a context hint).
 */
import { finding, type Finding, type Severity } from "./findings";
import { cveTemplates, rateLimit } from "./active-checks";
import type { HttpClient, Response } from "./http";

export type ScanContext = {
  client: HttpClient;
  active: boolean;
  emit: (f: Finding) => void;
  onceFor: (key: string) => boolean;
};
export type Scanner = {
  name: string;
  active: boolean;
  run: (url: string, ctx: ScanContext) => Promise<void>;
};

const PROBE_ORIGIN = "https://evil.example.com";

async function cors(url: string, ctx: ScanContext) {
  const res = await ctx.client.request(url, { headers: { Origin: PROBE_ORIGIN } });
  const acao = res.headers.get("access-control-allow-origin");
  const creds = res.headers.get("access-control-allow-credentials") === "true";
  const evidence = `Origin: ${PROBE_ORIGIN}\nAccess-Control-Allow-Origin: ${acao}\nAccess-Control-Allow-Credentials: ${creds}`;
  if (acao === "*") {
    ctx.emit(
      finding({
        url,
        check: "cors/wildcard-no-credentials",
        title: "Wildcard CORS origin",
        severity: "LOW",
        detail: "Access-Control-Allow-Origin: * (credentials not allowed).",
        evidence,
        scanner: "cors",
      }),
    );
  } else if (acao === PROBE_ORIGIN) {
    ctx.emit(
      finding({
        url,
        check: "cors/reflected-origin",
        title: "Reflected CORS origin",
        severity: creds ? "HIGH" : "LOW",
        detail: creds
          ? `Origin '${PROBE_ORIGIN}' reflected with credentials allowed — potential credential theft via cross-origin request.`
          : `Origin '${PROBE_ORIGIN}' reflected without credentials.`,
        evidence,
        remediation: "Validate origins against an allowlist and only enable credentials for trusted origins.",
        scanner: "cors",
      }),
    );
    if (!/\borigin\b/i.test(res.headers.get("vary") ?? "")) {
      ctx.emit(
        finding({
          url,
          check: "cors/missing-vary-origin",
          title: "Missing Vary: Origin",
          severity: "LOW",
          detail:
            "A reflected Access-Control-Allow-Origin without Vary: Origin can be cached for other origins.",
          evidence,
          scanner: "cors",
        }),
      );
    }
  }
  if (!ctx.active) return;
  const pre = await ctx.client.request(url, {
    method: "OPTIONS",
    headers: { Origin: PROBE_ORIGIN, "Access-Control-Request-Method": "DELETE" },
  });
  const methods = pre.headers.get("access-control-allow-methods") ?? "";
  if (/\b(PUT|DELETE|PATCH)\b/i.test(methods) && pre.headers.get("access-control-allow-origin")) {
    ctx.emit(
      finding({
        url,
        check: "cors/preflight-unsafe-methods",
        title: "Preflight allows unsafe methods",
        severity: "MEDIUM",
        detail: `Preflight from ${PROBE_ORIGIN} allows ${methods}.`,
        evidence: `Access-Control-Allow-Methods: ${methods}`,
        scanner: "cors",
      }),
    );
  }
}

async function csp(url: string, ctx: ScanContext) {
  const res = await ctx.client.request(url);
  if (res.headers.get("content-security-policy")) return;
  const reportOnly = res.headers.get("content-security-policy-report-only");
  ctx.emit(
    finding(
      reportOnly
        ? {
            url,
            check: "csp/report-only",
            title: "CSP is report-only",
            severity: "INFO",
            detail: "Only Content-Security-Policy-Report-Only is set; nothing is enforced.",
            scanner: "csp",
          }
        : {
            url,
            check: "csp/missing",
            title: "Missing Content-Security-Policy",
            severity: "INFO",
            detail: "No Content-Security-Policy header on the response.",
            scanner: "csp",
          },
    ),
  );
}

const HEADER_CHECKS: Array<{
  id: string;
  header: string;
  severity: Severity;
  detail: string;
  httpsOnly?: boolean;
}> = [
  {
    id: "hsts-missing",
    header: "strict-transport-security",
    severity: "MEDIUM",
    detail: "Missing Strict-Transport-Security header",
    httpsOnly: true,
  },
  {
    id: "xcto-missing",
    header: "x-content-type-options",
    severity: "LOW",
    detail: "Missing X-Content-Type-Options header",
  },
  { id: "xfo-missing", header: "x-frame-options", severity: "LOW", detail: "Missing X-Frame-Options header" },
  {
    id: "csp-missing",
    header: "content-security-policy",
    severity: "MEDIUM",
    detail: "Missing Content-Security-Policy header",
  },
  {
    id: "referrer-policy-missing",
    header: "referrer-policy",
    severity: "LOW",
    detail: "Missing Referrer-Policy header",
  },
  {
    id: "cache-control-missing",
    header: "cache-control",
    severity: "LOW",
    detail: "Missing Cache-Control header",
  },
];
const DEBUG_PATHS = ["/debug/vars", "/actuator/env", "/debug"];

async function apiSecurity(url: string, ctx: ScanContext) {
  const res = await ctx.client.request(url);
  const https = url.startsWith("https:");
  for (const c of HEADER_CHECKS) {
    if ((c.httpsOnly && !https) || res.headers.get(c.header)) continue;
    ctx.emit(
      finding({
        url,
        check: `api_security/headers/${c.id}`,
        title: c.detail,
        severity: c.severity,
        detail: c.detail,
        confidence: "HIGH",
        scanner: "api_security",
      }),
    );
  }
  const powered = res.headers.get("x-powered-by");
  if (powered) {
    ctx.emit(
      finding({
        url,
        check: "api_security/headers/x-powered-by-present",
        title: `X-Powered-By disclosed: ${powered}`,
        severity: "INFO",
        detail: `X-Powered-By disclosed: ${powered}`,
        confidence: "HIGH",
        scanner: "api_security",
      }),
    );
  }
  const origin = new URL(url).origin;
  if (!ctx.onceFor(`debug:${origin}`)) return;
  for (const path of DEBUG_PATHS) {
    const probe = await ctx.client.request(origin + path);
    if (!isExposed(probe)) continue;
    const severity: Severity = /env|heapdump/.test(path)
      ? "CRITICAL"
      : /debug/.test(path)
        ? "HIGH"
        : "MEDIUM";
    ctx.emit(
      finding({
        url: origin + path,
        check: `api_security/debug-endpoint${path.replace(/\//g, "-")}`,
        title: `Debug endpoint exposed: ${path}`,
        severity,
        detail: `${path} answered 200 without authentication.`,
        evidence: `GET ${origin + path}\nStatus: ${probe.status}\nBody snippet: ${probe.body.slice(0, 120)}`,
        remediation: "Remove debug endpoints from production or require authentication.",
        confidence: "MEDIUM",
        scanner: "api_security",
      }),
    );
  }
}

function isExposed(r: Response): boolean {
  return r.status === 200 && r.body.trim().length > 0;
}

const noop = async () => {};

/** Registry order (contract 1.8); the scanners the double does not model run as no-ops. */
export const SCANNERS: Scanner[] = [
  { name: "cors", active: false, run: cors },
  { name: "csp", active: false, run: csp },
  { name: "graphql", active: false, run: noop },
  { name: "api_security", active: false, run: apiSecurity },
  { name: "jwt", active: false, run: noop },
  { name: "openapi", active: false, run: noop },
  { name: "api_versioning", active: false, run: noop },
  { name: "grpc_protobuf", active: false, run: noop },
  { name: "mass_assignment", active: true, run: noop },
  { name: "oauth_oidc", active: true, run: noop },
  { name: "rate_limit", active: true, run: rateLimit },
  { name: "cve_templates", active: true, run: cveTemplates },
  { name: "websocket", active: true, run: noop },
];
