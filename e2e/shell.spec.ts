import { expect, test } from "@playwright/test";

test("the console shell navigates to every section and says plainly what is not built yet", async ({
  page,
}) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/incidents$/);
  const nav = page.getByRole("navigation", { name: "Sections" });
  for (const name of ["Incidents", "Dashboards", "Playbooks", "Scanner", "Actions"]) {
    await expect(nav.getByRole("link", { name })).toBeVisible();
  }
});

test("a responder sets a display name once and it is kept", async ({ page }) => {
  await page.goto("/incidents");
  await page.getByLabel("Your name").fill("Dana On-call");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("actor-name")).toHaveText("Dana On-call");
  await page.reload();
  await expect(page.getByTestId("actor-name")).toHaveText("Dana On-call");
});
