import { test as base, expect, type BrowserContext } from "@playwright/test";

import { DeclarePage } from "./pages/declare-page";
import { IncidentPage } from "./pages/incident-page";
import { ReviewPage } from "./pages/review-page";

/** Sets the display name the way the actor form does (cookie), for tests that are not about it. */
export async function actAs(context: BrowserContext, name: string, baseURL: string) {
  await context.addCookies([{ name: "fb_actor", value: encodeURIComponent(name), url: baseURL }]);
}

type Fixtures = { declarePage: DeclarePage; incidentPage: IncidentPage; reviewPage: ReviewPage };

export const test = base.extend<Fixtures>({
  // Playwright's fixture callback is named `use` by convention; `provide` avoids the React hooks lint rule.
  declarePage: async ({ page }, provide) => provide(new DeclarePage(page)),
  incidentPage: async ({ page }, provide) => provide(new IncidentPage(page)),
  reviewPage: async ({ page }, provide) => provide(new ReviewPage(page)),
});

export { expect };
