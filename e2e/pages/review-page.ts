import type { Locator, Page } from "@playwright/test";

export class ReviewPage {
  constructor(readonly page: Page) {}

  get entries(): Locator {
    return this.page.getByRole("list", { name: "Review timeline" }).getByTestId("review-entry");
  }
  get clockState(): Locator {
    return this.page.getByTestId("clock-state");
  }
}
