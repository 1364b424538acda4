import { test as base, expect, type BrowserContext, type Cookie } from "@playwright/test";

import { DEMO_PASSWORD } from "../doubles/oidc/users";
import type { Role } from "../lib/auth/permissions";

import { DeclarePage } from "./pages/declare-page";
import { IncidentPage } from "./pages/incident-page";
import { ReviewPage } from "./pages/review-page";

const DEMO_SUB: Record<Role, string> = {
  viewer: "u-viewer",
  responder: "u-responder",
  commander: "u-commander",
  admin: "u-admin",
};

// One sign-in per (app, role, name) per run: later calls reuse the session cookies.
const signedIn = new Map<string, Cookie[]>();

/**
 * Signs `context` in for real: the console's sign-in page, the local OpenID provider's login
 * page (doubles/oidc) as the demo person of `role`, shown as `name`, and back through the OIDC
 * callback. Every person (role + name) is a distinct subject at the provider.
 */
export async function actAs(
  context: BrowserContext,
  name: string,
  baseURL: string,
  role: Role = "commander",
) {
  const key = `${baseURL}|${role}|${name}`;
  const cached = signedIn.get(key);
  if (cached) {
    await context.addCookies(cached);
    return;
  }
  const page = await context.newPage();
  try {
    await page.goto(`${baseURL}/sign-in`);
    await page.getByRole("button", { name: /^Sign in with/ }).click();
    await page.getByLabel("Person").selectOption(DEMO_SUB[role]);
    await page.getByLabel(/^Name shown/).fill(name);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.href.startsWith(baseURL) && !url.pathname.startsWith("/sign-in"));
    await expect(page.getByTestId("actor-name")).toHaveText(name);
  } finally {
    await page.close();
  }
  const origin = new URL(baseURL);
  const cookies = (await context.cookies(baseURL)).filter((c) => c.name.includes("firebreak.session"));
  signedIn.set(
    key,
    cookies.filter((c) => c.domain === origin.hostname),
  );
}

/** Forget cached sign-ins (after a test signs someone out). */
export function forgetSignIns() {
  signedIn.clear();
}

type Fixtures = { declarePage: DeclarePage; incidentPage: IncidentPage; reviewPage: ReviewPage };

export const test = base.extend<Fixtures>({
  // Playwright's fixture callback is named `use` by convention; `provide` avoids the React hooks lint rule.
  declarePage: async ({ page }, provide) => provide(new DeclarePage(page)),
  incidentPage: async ({ page }, provide) => provide(new IncidentPage(page)),
  reviewPage: async ({ page }, provide) => provide(new ReviewPage(page)),
});

export { expect };
