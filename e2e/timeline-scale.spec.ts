import type { Page } from "@playwright/test";

import { actAs, expect, test } from "./fixtures";
import { seedIncidentWithEvents } from "./seed-timeline";

// Acceptance for a timeline at scale: an incident with 10,000 events opens with its newest
// events in under a second, measured from the start of the navigation to the newest event on
// screen (the browser's own paint time for it, Element Timing), on a server that has rendered the
// page once (a fresh process loads the route's code on its first request, which is start-up, not
// the timeline). The warm-up is a plain request, not a page in the browser: a page that has just
// hydrated asks the server for a burst of reads (live feed, panels, link prefetches) that would
// otherwise share the two cores with the timed navigation.
const FIRST_PAINT_BUDGET_MS = 1_000;
const NOTE_BUDGET_MS = 1_000;

/** An Element Timing entry: when the element marked `elementtiming` was painted. */
type ElementTiming = PerformanceEntry & { identifier: string; renderTime: number };
type Marks = { newestAt?: number; newestPaintedAt?: number; afterPaintAt?: number; interactiveAt?: number };

test("an incident with 10,000 events opens newest first in under a second, a note shows at once, older pages load on demand", async ({
  page,
  context,
  baseURL,
  incidentPage,
}) => {
  test.setTimeout(90_000);
  await actAs(context, "Dana On-call", baseURL!);
  const id = await seedIncidentWithEvents(10_000, "Ten thousand events");
  const newest = incidentPage.event("Seeded event 10000");
  await warmUp(page, `/incidents/${id}`);

  // From the browser's clock: when the newest event is in the document, when it was painted, the
  // next task after that frame, and when "Add note" works (the page's script has taken over).
  await page.addInitScript(() => {
    const w = window as unknown as Marks;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as ElementTiming[])
        if (e.identifier === "newest-event") w.newestPaintedAt ??= e.renderTime || e.startTime;
    }).observe({ type: "element", buffered: true });
    const look = () => {
      if (!w.interactiveAt && document.querySelector('form[aria-label="Add a note"] button:enabled'))
        w.interactiveAt = performance.now();
      if (w.newestAt) return;
      const rows = document.querySelectorAll('[data-testid="timeline-event"] [data-testid="note-body"] p');
      for (const text of rows)
        if (text.textContent === "Seeded event 10000") {
          w.newestAt = performance.now();
          text.setAttribute("elementtiming", "newest-event");
          requestAnimationFrame(() => setTimeout(() => (w.afterPaintAt = performance.now())));
        }
    };
    new MutationObserver(look).observe(document, {
      subtree: true,
      childList: true,
      attributeFilter: ["disabled"],
    });
  });
  await page.goto(`/incidents/${id}`, { waitUntil: "commit" });
  await newest.waitFor({ state: "visible" });
  await expect
    .poll(() => page.evaluate(() => (window as unknown as Marks).newestPaintedAt ?? null))
    .not.toBeNull();
  const paintedMs = await page.evaluate(() => Math.round((window as unknown as Marks).newestPaintedAt!));
  console.log(`[timeline] 10,000 events: newest event painted ${paintedMs} ms after navigation start`);
  expect(paintedMs).toBeLessThan(FIRST_PAINT_BUDGET_MS);
  await expect(incidentPage.events.first()).toContainText("Seeded event 10000");
  await expect(page.getByText(/100 events loaded, newest first/)).toBeVisible();
  const domNodes = await page.evaluate(() => document.getElementsByTagName("*").length);
  console.log(`[timeline] DOM nodes after first paint: ${domNodes}`);
  expect(domNodes).toBeLessThan(3_000);

  // Typed as soon as the events show; "Add note" takes it once the page's script runs.
  const text = `On it: cache thrash ${Date.now()}`;
  const sent = Date.now();
  await incidentPage.addNote(text);
  await incidentPage.note(text).waitFor({ state: "visible" });
  const noteMs = Date.now() - sent;
  console.log(`[timeline] own note visible ${noteMs} ms after typing it (${await timingsOf(page)})`);
  expect(noteMs).toBeLessThan(NOTE_BUDGET_MS);
  // Confirmed by the server: the stored note, by its author, on top.
  await expect(incidentPage.events.first()).toContainText(text);
  await expect(incidentPage.events.first().getByTestId("event-actor")).toHaveText("Dana On-call");

  await expect(incidentPage.event("Seeded event 9850")).toHaveCount(0);
  await page.getByRole("button", { name: "Load older events" }).click();
  await expect(page.getByText(/20[01] events loaded, newest first/)).toBeVisible();
  await page.getByTestId("timeline-scroll").evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(incidentPage.event("Seeded event 9801")).toBeVisible();
  expect(await page.evaluate(() => document.getElementsByTagName("*").length)).toBeLessThan(3_000);

  // The review pages its 10,000 events with the same facts, oldest first.
  const firstEntry = page.getByTestId("review-entry").first();
  await warmUp(page, `/incidents/${id}/review`);
  await page.addInitScript(() => {
    const w = window as unknown as { reviewPaintedAt?: number };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as ElementTiming[])
        if (e.identifier === "review-entry") w.reviewPaintedAt ??= e.renderTime || e.startTime;
    }).observe({ type: "element", buffered: true });
    new MutationObserver((_, observer) => {
      // Once its content is parsed, the entry and everything in it: Element Timing times the
      // text of the block that lays it out.
      const actor = document.querySelector('[data-testid="review-entry"] [data-testid="review-actor"]');
      const entry = actor?.closest("li");
      if (!entry) return;
      for (const el of [entry, ...entry.querySelectorAll("*")])
        el.setAttribute("elementtiming", "review-entry");
      observer.disconnect();
    }).observe(document, { subtree: true, childList: true });
  });
  const reviewStarted = Date.now();
  await page.goto(`/incidents/${id}/review`, { waitUntil: "commit" });
  await firstEntry.waitFor({ state: "visible" });
  const seenMs = Date.now() - reviewStarted;
  await expect
    .poll(() =>
      page.evaluate(() => (window as unknown as { reviewPaintedAt?: number }).reviewPaintedAt ?? null),
    )
    .not.toBeNull();
  const reviewMs = await page.evaluate(() =>
    Math.round((window as unknown as { reviewPaintedAt: number }).reviewPaintedAt),
  );
  console.log(
    `[timeline] review first page painted ${reviewMs} ms after navigation start (seen by the test after ${seenMs} ms)`,
  );
  await expect(firstEntry).toContainText("Seeded event 1");
  expect(reviewMs).toBeLessThan(FIRST_PAINT_BUDGET_MS);
  await expect(page.getByRole("link", { name: "Next events →" })).toBeVisible();
});

/** Leaves the current page (its polls and live stream) and has the server render `path` once. */
async function warmUp(page: Page, path: string) {
  await page.goto("about:blank");
  const res = await page.request.get(path);
  expect(res.ok()).toBe(true);
  await res.body();
}

/** Where the page's time went, from the browser's clock (ms after navigation start). */
function timingsOf(page: Page): Promise<string> {
  return page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? -1;
    const w = window as unknown as Marks;
    const ms = (n: number | undefined) => Math.round(n ?? -1);
    return [
      `first byte ${ms(nav.responseStart)}`,
      `newest event in the document ${ms(w.newestAt)}`,
      `first contentful paint ${ms(fcp)}`,
      `newest painted ${ms(w.newestPaintedAt)}`,
      `the task after that frame ${ms(w.afterPaintAt)}`,
      `last byte ${ms(nav.responseEnd)}`,
      `DOMContentLoaded ${ms(nav.domContentLoadedEventEnd)}`,
      `"Add note" enabled ${ms(w.interactiveAt)}`,
    ].join(", ");
  });
}
