import { actAs, expect, test } from "../fixtures";
import { IncidentPage } from "../pages/incident-page";
import { seedIncidentWithEvents } from "../seed-timeline";

// `npm run dev` opened at http://127.0.0.1:<port> (not localhost): sign-in comes back to that
// address, the page becomes interactive (Next accepts its dev websocket from this origin) and
// live updates flow. next dev compiles each route on first use, so every route the timed part
// touches is visited once before it.
const LIVE_BUDGET_MS = 5_000;

test("opened at 127.0.0.1 in dev mode, a note shows up in a second viewer within 5 s", async ({
  browser,
  baseURL,
}) => {
  expect(new URL(baseURL!).hostname).toBe("127.0.0.1");
  const id = await seedIncidentWithEvents(3, "Dev server from another address");
  const author = await browser.newContext({ baseURL });
  const viewer = await browser.newContext({ baseURL });
  try {
    await actAs(author, "Ada Author", baseURL!, "responder");
    await actAs(viewer, "Vic Viewer", baseURL!, "viewer");
    const a = new IncidentPage(await author.newPage());
    const b = new IncidentPage(await viewer.newPage());
    await a.page.goto(`/incidents/${id}`);
    await b.page.goto(`/incidents/${id}`);
    await expect(a.event("Seeded event 3")).toBeVisible();
    await expect(b.event("Seeded event 3")).toBeVisible();

    // Warm-up, untimed: the note action, the live feed and the events route compile here.
    const warm = `Warming up ${Date.now()}`;
    await a.addNote(warm);
    await expect(a.note(warm)).toBeVisible();
    await expect(b.note(warm)).toBeVisible();

    const text = `Seen from the other browser ${Date.now()}`;
    const sent = Date.now();
    await a.addNote(text);
    await expect(b.note(text)).toBeVisible({ timeout: LIVE_BUDGET_MS });
    const seenMs = Date.now() - sent;
    console.log(`[dev] note visible to the second viewer ${seenMs} ms after "Add note"`);
    expect(seenMs).toBeLessThan(LIVE_BUDGET_MS);
    await expect(b.event(text).getByTestId("event-actor")).toHaveText("Ada Author");
  } finally {
    await author.close();
    await viewer.close();
  }
});
