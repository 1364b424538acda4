import { actAs, expect, forgetSignIns, test } from "./fixtures";
import { DeclarePage } from "./pages/declare-page";

test("without a session a page goes to sign-in and an API route answers 401", async ({ page }) => {
  await page.goto("/incidents");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fincidents$/);
  await expect(page.getByRole("button", { name: /^Sign in with/ })).toBeVisible();
  const res = await page.request.get("/api/metrics/overview");
  expect(res.status()).toBe(401);
});

test("a viewer cannot declare: the form is disabled and says why, and the same server action posted anyway is refused and writes nothing", async ({
  page,
  baseURL,
}) => {
  await actAs(page.context(), "Vera Viewer", baseURL!, "viewer");
  const declare = new DeclarePage(page);
  await declare.goto();
  await expect(page.getByRole("note").filter({ hasText: "Needs the responder role" })).toBeVisible();
  await expect(declare.submit).toBeDisabled();
  await expect(declare.title).toBeDisabled();

  // Post the very same server action from the viewer's browser: re-enable the form in the DOM
  // (what any user can do with the developer tools) and submit it.
  const title = `Viewer attempt ${Date.now()}`;
  await page.locator("fieldset[disabled]").evaluate((el) => el.removeAttribute("disabled"));
  await declare.title.fill(title);
  await declare.severity("SEV-3").check();
  await declare.service.fill("viewer-service");
  await declare.submit.click();
  await expect(page.getByRole("alert").filter({ hasText: "Your role does not allow this" })).toBeVisible();

  await page.goto("/incidents");
  await expect(page.getByRole("heading", { name: "Incidents" })).toBeVisible();
  await expect(page.getByText(title)).toHaveCount(0);
});

test("sign-out ends the session on the server: the old cookie is refused afterwards", async ({
  page,
  browser,
  baseURL,
}) => {
  await actAs(page.context(), "Sol Signout", baseURL!, "responder");
  const oldCookies = await page.context().cookies();
  await page.goto("/incidents");
  await expect(page.getByTestId("actor-name")).toHaveText("Sol Signout");

  await page.getByRole("button", { name: "Sign out" }).click();
  // Firebreak ends its session, then hands over to the provider's end-session page.
  await expect(page).toHaveURL(/\/sign-in|\/session\/end/);
  forgetSignIns();

  // Someone who kept a copy of the cookie gets nothing with it.
  const thief = await browser.newContext();
  await thief.addCookies(oldCookies);
  const stolen = await thief.newPage();
  await stolen.goto(`${baseURL}/incidents`);
  await expect(stolen).toHaveURL(/\/sign-in/);
  expect((await stolen.request.get(`${baseURL}/api/metrics/overview`)).status()).toBe(401);
  await thief.close();
});
