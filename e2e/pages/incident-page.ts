import { expect, type Locator, type Page } from "@playwright/test";

export type TemplateNote = {
  runTimestamp: string;
  targetSubset: string;
  command: string;
  metricsAtTrigger: string;
  impactedScanners: string;
  rollbackAction: string;
  followUp: string;
};

const TEMPLATE_LABELS: Record<keyof TemplateNote, string> = {
  runTimestamp: "Run timestamp",
  targetSubset: "Target subset",
  command: "Command / options used",
  metricsAtTrigger: "Metric values at trigger point",
  impactedScanners: "Impacted scanners",
  rollbackAction: "Rollback action taken",
  followUp: "Follow-up tuning decisions",
};

export class IncidentPage {
  constructor(readonly page: Page) {}

  get timeline(): Locator {
    return this.page.getByRole("list", { name: "Timeline" });
  }
  get events(): Locator {
    return this.timeline.getByTestId("timeline-event");
  }
  get status(): Locator {
    return this.page.getByTestId("incident-status");
  }
  get noteForm(): Locator {
    return this.page.getByRole("form", { name: "Add a note" });
  }
  get noteError(): Locator {
    return this.page.locator("#note-body-error");
  }
  get statusReasonError(): Locator {
    return this.page.locator("#status-reason-error");
  }
  get templateCards(): Locator {
    return this.timeline.getByRole("article", { name: "Incident notes (ApiHunter template)" });
  }

  /** The timeline event that contains `text`. */
  event(text: string): Locator {
    return this.events.filter({ hasText: text });
  }

  async filterTimeline(name: string) {
    await this.page
      .getByRole("navigation", { name: "Filter timeline" })
      .getByRole("link", { name, exact: true })
      .click();
  }

  async goto(id: number) {
    await this.page.goto(`/incidents/${id}`);
    await expect(this.timeline).toBeVisible();
  }

  async addNote(body: string) {
    await this.noteForm.getByLabel(/^Note/).fill(body);
    await this.noteForm.getByRole("button", { name: "Add note" }).click();
  }

  /** The rendered note that contains `text`. */
  note(text: string): Locator {
    return this.timeline.getByTestId("note-body").filter({ hasText: text });
  }

  async addTemplateNote(note: TemplateNote) {
    await this.page.getByText("Incident notes template (ApiHunter rollback)").click();
    const form = this.page.getByRole("form", { name: "Add incident notes from the template" });
    for (const [key, label] of Object.entries(TEMPLATE_LABELS)) {
      await form.getByLabel(label, { exact: true }).fill(note[key as keyof TemplateNote]);
    }
    await form.getByRole("button", { name: "Add template note" }).click();
  }

  async changeStatus(to: string, reason?: string) {
    const form = this.page.getByRole("form", { name: "Change status" });
    await form.getByLabel("Move to").selectOption({ label: to });
    if (reason !== undefined) await form.getByLabel(/^Reason/).fill(reason);
    await form.getByRole("button", { name: "Change status" }).click();
  }

  async openReview() {
    await this.page.getByRole("link", { name: "Commander review" }).click();
    await expect(this.page.getByRole("heading", { name: /^Commander review/ })).toBeVisible();
  }
}
