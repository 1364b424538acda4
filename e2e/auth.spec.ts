import { actAs, expect, test } from "./fixtures";
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
