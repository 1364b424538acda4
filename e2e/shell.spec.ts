import { expect, test } from "@playwright/test";

import { actAs } from "./fixtures";

test("the console shell navigates to every section and says plainly what is not built yet", async ({
  page,
  baseURL,
}) => {
  await actAs(page.context(), "Dana On-call", baseURL!, "viewer");
  await page.goto("/");
  await expect(page).toHaveURL(/\/incidents$/);
  const nav = page.getByRole("navigation", { name: "Sections" });
  for (const name of ["Incidents", "Dashboards", "Playbooks", "Scanner", "Actions"]) {
    await expect(nav.getByRole("link", { name })).toBeVisible();
  }
});

test("the signed-in person's name and role stay in the header across reloads", async ({ page, baseURL }) => {
  await actAs(page.context(), "Dana On-call", baseURL!, "responder");
  await page.goto("/incidents");
  await expect(page.getByTestId("actor-name")).toHaveText("Dana On-call");
  await expect(page.getByTestId("actor-role")).toHaveText("responder");
  await page.reload();
  await expect(page.getByTestId("actor-name")).toHaveText("Dana On-call");
});

test("the favicon, icons and web app manifest are served to anyone", async ({ request }) => {
  const favicon = await request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  expect((await favicon.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
  const manifest = await request.get("/manifest.webmanifest");
  expect(manifest.status()).toBe(200);
  const icons = ((await manifest.json()) as { icons: Array<{ src: string }> }).icons;
  for (const icon of icons) expect((await request.get(icon.src)).status(), icon.src).toBe(200);
});
