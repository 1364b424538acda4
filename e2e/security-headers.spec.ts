import { expect, test, type APIResponse, type Response } from "@playwright/test";

function expectSecurityHeaders(res: Response | APIResponse | null) {
  const headers = res?.headers() ?? {};
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  const csp = headers["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'(;|$)/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("base-uri 'self'");
  expect(csp).not.toContain("unsafe-eval"); // production build
  return /'nonce-([^']+)'/.exec(csp)?.[1];
}

test("every page and API answer carries the security headers, with a fresh script nonce per page", async ({
  page,
  request,
}) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  const first = expectSecurityHeaders(await page.goto("/incidents"));
  const second = expectSecurityHeaders(await page.reload());
  expect(first).toBeTruthy();
  expect(second).not.toBe(first);
  // Next.js's own scripts carry the nonce, so they ran: the runtime booted and nothing was blocked.
  await page.waitForFunction(() => Boolean((window as { next?: { version?: string } }).next?.version));
  await page.goto("/dashboards");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(violations).toEqual([]);

  expectSecurityHeaders(await request.get("/api/health"));
  expectSecurityHeaders(await request.get("/api/metrics/overview"));
});

test("a malformed cookie never breaks a page: it renders signed out", async ({ page, baseURL }) => {
  await page.context().addCookies([
    { name: "fb_actor", value: "%E0%A4%A", url: baseURL ?? "" },
    { name: "better-auth.session_token", value: "%%garbage.%ZZ", url: baseURL ?? "" },
    { name: "fb_session", value: "\u00ff%garbage", url: baseURL ?? "" },
  ]);
  for (const path of ["/incidents", "/dashboards", "/scanner"]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBeLessThan(500);
    await expect(page.getByText(/This page failed to load|hit an unexpected error/)).toHaveCount(0);
    await expect(page.getByTestId("actor-name")).toHaveCount(0);
  }
  const api = await page.request.get("/api/metrics/overview");
  expect(api.status()).toBe(401);
});
