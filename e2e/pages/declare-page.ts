import { expect, type Page } from "@playwright/test";

export type Declaration = {
  title: string;
  severity: "SEV-0" | "SEV-1" | "SEV-2" | "SEV-3";
  service: string;
  summary?: string;
};

export class DeclarePage {
  constructor(readonly page: Page) {}

  get title() {
    return this.page.getByLabel("Title");
  }
  get service() {
    return this.page.getByLabel("Affected service");
  }
  get summary() {
    return this.page.getByLabel(/^Summary/);
  }
  get submit() {
    return this.page.getByRole("button", { name: "Declare incident" });
  }
  severity(label: Declaration["severity"]) {
    return this.page.getByRole("radio", { name: new RegExp(`^${label} `) });
  }
  errorOf(field: "title" | "severity" | "service" | "summary") {
    return this.page.locator(`#${field}-error`);
  }

  async goto() {
    await this.page.goto("/incidents/new");
    await expect(this.page.getByRole("heading", { name: "Declare an incident" })).toBeVisible();
  }

  /** Declares and returns the new incident's id (from the page it lands on). */
  async declare(d: Declaration): Promise<number> {
    await this.goto();
    await this.title.fill(d.title);
    await this.severity(d.severity).check();
    await this.service.fill(d.service);
    if (d.summary) await this.summary.fill(d.summary);
    await this.submit.click();
    await expect(this.page).toHaveURL(/\/incidents\/\d+$/);
    return Number(this.page.url().split("/").pop());
  }
}
