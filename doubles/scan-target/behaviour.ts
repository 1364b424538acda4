/**
 * What the scan target answers, as pure state: `vulnerable` (no security headers, an Origin
 * reflected with credentials, /debug/vars and the CVE-2022-22947 actuator route exposed, no
 * rate limit) or hardened; plus `latencyMs` (slow), `failRate` (share of requests answered 503:
 * retried by the scanner) and `hangRate` (share never answered: the scanner's timeout, then an
 * error). Failures are spread deterministically (request k fails when ⌊k·rate⌋ advances).
 */
export type Behaviour = { vulnerable: boolean; latencyMs: number; failRate: number; hangRate: number };
export const DEFAULT_BEHAVIOUR: Behaviour = { vulnerable: true, latencyMs: 0, failRate: 0, hangRate: 0 };

export type Answer =
  | { kind: "hang" }
  | { kind: "reply"; status: number; headers: Record<string, string>; body: string; delayMs: number };

/** Body captured from a vulnerable lab (ApiHunter tests/fixtures/real_cve_payloads, MIT). */
const GATEWAY_ROUTES =
  '[{"predicate":"Methods: [GET]","route_id":"index","filters":[],"uri":"http://example.com:80","order":0}]';
/** A real non-matching control (Nacos 403 "unknown user!"). */
const FORBIDDEN =
  '{"timestamp":"2026-03-19T00:36:42.596+0000","status":403,"error":"Forbidden","message":"unknown user!","path":"/nacos/v1/auth/users"}';

const HARDENED_HEADERS = {
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
  "strict-transport-security": "max-age=63072000",
  "ratelimit-limit": "100",
};

/** Whether request number k (0-based) is picked by a rate: ⌊(k+1)·rate⌋ > ⌊k·rate⌋. */
export const picked = (k: number, rate: number) => Math.floor((k + 1) * rate) > Math.floor(k * rate);

export function answer(
  b: Behaviour,
  k: number,
  req: { method: string; path: string; origin?: string },
): Answer {
  if (picked(k, b.hangRate)) return { kind: "hang" };
  const reply = (status: number, body: string, headers: Record<string, string> = {}): Answer => ({
    kind: "reply",
    status,
    body,
    delayMs: b.latencyMs,
    headers: {
      "content-type": "application/json",
      ...(b.vulnerable ? { "x-powered-by": "Express" } : HARDENED_HEADERS),
      ...headers,
    },
  });
  if (picked(k, b.failRate)) return reply(503, '{"error":"unavailable"}');
  const cors: Record<string, string> =
    b.vulnerable && req.origin
      ? {
          "access-control-allow-origin": req.origin,
          "access-control-allow-credentials": "true",
          "access-control-allow-methods": "GET, PUT, DELETE",
        }
      : {};
  if (req.method === "OPTIONS") return reply(204, "", cors);
  if (req.path === "/robots.txt")
    return reply(200, "User-agent: *\nDisallow: /admin\n", { "content-type": "text/plain" });
  if (req.path === "/debug/vars")
    return b.vulnerable ? reply(200, '{"cmdline":["api"],"memstats":{}}') : reply(404, "");
  if (req.path === "/actuator/gateway/routes")
    return b.vulnerable ? reply(200, GATEWAY_ROUTES) : reply(403, FORBIDDEN);
  if (req.path === "/admin") return reply(403, FORBIDDEN);
  if (req.path === "/" || req.path.startsWith("/api"))
    return reply(200, JSON.stringify({ ok: true, path: req.path }), cors);
  return reply(404, '{"error":"not found"}');
}
