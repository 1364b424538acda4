import { actAs, expect, forgetSignIns, test } from "./fixtures";

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
  try {
    await thief.addCookies(oldCookies);
    const stolen = await thief.newPage();
    await stolen.goto(`${baseURL}/incidents`);
    await expect(stolen).toHaveURL(/\/sign-in/);
    expect((await stolen.request.get(`${baseURL}/api/metrics/overview`)).status()).toBe(401);
  } finally {
    await thief.close();
  }
});

test("after a sign-out, signing in again through the provider works at once", async ({ page, baseURL }) => {
  await actAs(page.context(), "Sol Signout", baseURL!, "responder");
  await page.goto("/incidents");
  await expect(page.getByTestId("actor-name")).toHaveText("Sol Signout");
});
