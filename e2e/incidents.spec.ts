import { actAs, expect, test } from "./fixtures";
import { DeclarePage } from "./pages/declare-page";
import { IncidentPage } from "./pages/incident-page";

const XSS_NOTE = [
  "Rolled back **checkout-api** to `stable`.",
  "",
  "<script>alert('script ran')</script>",
  "",
  "<img src=x onerror=\"alert('img ran')\">",
].join("\n");

// Incidents here are declared on "checkout-api", a service Firebreak does not watch, so the
// SEV tracker (which appends metric breaches to open incidents of watched services) stays out.
test("an on-call engineer declares a SEV-1, takes notes, mitigates, and the commander reviews every event", async ({
  page,
  declarePage,
  incidentPage,
  reviewPage,
}) => {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });

  await actAs(page.context(), "Dana On-call", test.info().project.use.baseURL!);
  await page.goto("/incidents");
  await expect(page.getByTestId("actor-name")).toHaveText("Dana On-call");

  await declarePage.goto();
  await declarePage.severity("SEV-1").check();
  // The runbook's definition and response target are shown while choosing.
  await expect(page.getByRole("note", { name: "Runbook actions" })).toContainText(
    "SEV-1 — respond < 5 minutes",
  );
  await expect(page.getByText("P95 latency > 50ms or error rate > 5%")).toBeVisible();
  await declarePage.title.fill("Checkout p95 latency over 50 ms");
  await declarePage.service.fill("checkout-api");
  await declarePage.submit.click();
  await expect(page).toHaveURL(/\/incidents\/\d+$/);
  await expect(page.getByRole("heading", { name: "Checkout p95 latency over 50 ms" })).toBeVisible();
  await expect(incidentPage.status).toHaveText("Declared");

  await incidentPage.addNote(XSS_NOTE);
  const note = incidentPage.note("Rolled back");
  await expect(note.locator("strong")).toHaveText("checkout-api");
  await expect(note).toContainText("<script>alert('script ran')</script>");
  await expect(note).toContainText("<img src=x onerror=\"alert('img ran')\">");
  await expect(note.locator("img")).toHaveCount(0);
  await expect(note.locator("script")).toHaveCount(0);

  await incidentPage.addTemplateNote({
    runTimestamp: "2026-11-23T09:58Z",
    targetSubset: "payments-* (12 hosts)",
    command: "apihunter scan --active --rate 20",
    metricsAtTrigger: "retry ratio 0.41 > 0.35",
    impactedScanners: "sqli, ssrf",
    rollbackAction: "selector version=stable",
    followUp: "lower --rate to 10",
  });
  await expect(incidentPage.templateCards).toHaveCount(1);
  await expect(incidentPage.templateCards).toContainText("retry ratio 0.41 > 0.35");

  // Skipping investigating is a jump: it needs a reason.
  await incidentPage.changeStatus("Mitigated", "Rolled back to stable at once");
  await expect(incidentPage.status).toHaveText("Mitigated");

  await incidentPage.openReview();
  // The declaration, the declarer taking command, two notes, the status change.
  const kinds = ["Status", "Role", "Note", "Note", "Status"];
  await expect(reviewPage.entries).toHaveCount(kinds.length);
  for (const [i, kind] of kinds.entries()) {
    const entry = reviewPage.entries.nth(i);
    await expect(entry).toContainText(kind);
    await expect(entry.getByTestId("review-actor")).toHaveText("Dana On-call");
    await expect(entry.locator("time").first()).toHaveAttribute("title", /UTC$/);
  }
  await expect(reviewPage.entries.first()).toContainText("Declared SEV-1 on checkout-api");
  await expect(reviewPage.entries.last()).toContainText(
    "Moved the incident from Declared to Mitigated — reason: Rolled back to stable at once",
  );
  const times = await reviewPage.entries
    .locator("time")
    .evaluateAll((els) => els.map((e) => e.getAttribute("datetime") ?? ""));
  expect(times).toHaveLength(kinds.length);
  expect(times).toEqual([...times].sort());
  await expect(reviewPage.clockState).toHaveText("Met");
  expect(dialogs).toEqual([]);
});

test("bad input is shown beside the fields and nothing is declared", async ({
  page,
  declarePage,
  context,
  baseURL,
}) => {
  await actAs(context, "Dana On-call", baseURL!);
  await declarePage.goto();
  await declarePage.submit.click();
  await expect(declarePage.errorOf("title")).toHaveText("Title is required");
  await expect(declarePage.errorOf("severity")).toHaveText("Choose a severity: SEV-0, SEV-1, SEV-2 or SEV-3");
  await expect(declarePage.errorOf("service")).toHaveText("Affected service is required");
  await expect(page).toHaveURL(/\/incidents\/new$/);

  // What was typed survives a refusal.
  await declarePage.title.fill("ab");
  await declarePage.service.fill("checkout-api");
  await declarePage.submit.click();
  await expect(declarePage.errorOf("title")).toHaveText("Title must be at least 3 characters");
  await expect(declarePage.service).toHaveValue("checkout-api");
  await expect(declarePage.errorOf("service")).toHaveText("");
});

test("a status jump without a reason and a 1 MB note are refused with a message", async ({
  page,
  context,
  baseURL,
}) => {
  await actAs(context, "Dana On-call", baseURL!);
  const id = await new DeclarePage(page).declare({
    title: "Cache hit ratio under 60%",
    severity: "SEV-2",
    service: "checkout-api",
  });
  const incident = new IncidentPage(page);
  // The declaration and the declarer taking command.
  await expect(incident.events).toHaveCount(2);

  await incident.changeStatus("Resolved");
  await expect(incident.statusReasonError).toHaveText("Skipping from Declared to Resolved needs a reason.");
  await expect(incident.status).toHaveText("Declared");

  await incident.addNote("x".repeat(1_048_576));
  await expect(incident.noteError).toHaveText(
    "Note is too long: 1,048,576 characters, at most 65,536. Split it or attach a link to the full log.",
  );
  await page.reload();
  await expect(incident.events).toHaveCount(2);

  await page.goto(`/incidents/${id + 100_000}`);
  await expect(page.getByRole("heading", { name: "Incident not found" })).toBeVisible();
});

test("a note added in one browser shows up in another within 5 seconds without reloading", async ({
  browser,
  baseURL,
}) => {
  const dana = await browser.newContext();
  const lee = await browser.newContext();
  await actAs(dana, "Dana On-call", baseURL!);
  await actAs(lee, "Lee Commander", baseURL!);
  const danaPage = await dana.newPage();
  const leePage = await lee.newPage();
  try {
    const id = await new DeclarePage(danaPage).declare({
      title: "Error rate over 5%",
      severity: "SEV-1",
      service: "checkout-api",
    });
    const leeIncident = new IncidentPage(leePage);
    await leeIncident.goto(id);
    await expect(leeIncident.events).toHaveCount(2);

    const text = `Seen from Dana at ${Date.now()}`;
    await new IncidentPage(danaPage).addNote(text);
    await expect(new IncidentPage(danaPage).note(text)).toBeVisible();
    await expect(leeIncident.note(text)).toBeVisible({ timeout: 5_000 });
    // Newest first: the note is on top.
    await expect(leeIncident.events.first().getByTestId("event-actor")).toHaveText("Dana On-call");
  } finally {
    await dana.close();
    await lee.close();
  }
});

test("the incidents list filters by status, SEV and open only", async ({ page, context, baseURL }) => {
  await actAs(context, "Dana On-call", baseURL!);
  const declare = new DeclarePage(page);
  const stamp = Date.now();
  const openTitle = `Open SEV-3 ${stamp}`;
  const closedTitle = `Closed SEV-3 ${stamp}`;
  await declare.declare({ title: openTitle, severity: "SEV-3", service: "search" });
  await declare.declare({ title: closedTitle, severity: "SEV-3", service: "search" });
  await new IncidentPage(page).changeStatus("Closed", "false alarm");
  await expect(new IncidentPage(page).status).toHaveText("Closed");

  await page.goto("/incidents?severity=SEV3");
  const list = page.getByRole("table", { name: "Incidents" });
  await expect(list.getByText(openTitle)).toBeVisible();
  await expect(list.getByText(closedTitle)).toBeVisible();

  await page.getByLabel("Open only").check();
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/open=1/);
  await expect(list.getByText(openTitle)).toBeVisible();
  await expect(list.getByText(closedTitle)).toHaveCount(0);

  await page.goto("/incidents?status=closed&severity=SEV3");
  await expect(list.getByText(closedTitle)).toBeVisible();
  await expect(list.getByText(openTitle)).toHaveCount(0);
});

test("an event can be pinned and the timeline filtered to pinned events or one kind", async ({
  page,
  context,
  baseURL,
}) => {
  await actAs(context, "Dana On-call", baseURL!);
  await new DeclarePage(page).declare({
    title: "Retry ratio over 0.35",
    severity: "SEV-2",
    service: "apihunter",
  });
  const incident = new IncidentPage(page);
  await incident.addNote("Pin me: the trigger point");
  await expect(incident.events).toHaveCount(3);

  await incident.event("Pin me").getByRole("button", { name: "Pin" }).click();
  await expect(incident.event("Pin me")).toContainText("pinned by Dana On-call");
  await expect(incident.event("Pin me").getByRole("button", { name: "Unpin" })).toBeVisible();

  await incident.filterTimeline("Pinned");
  await expect(page).toHaveURL(/\?pinned=1$/);
  await expect(incident.events).toHaveCount(1);
  await expect(incident.events.first()).toContainText("Pin me");

  await incident.filterTimeline("Status");
  await expect(page).toHaveURL(/\?kind=status_change$/);
  await expect(incident.events).toHaveCount(1);
  await expect(incident.events.first()).toContainText("Declared SEV-2 on apihunter");
});
