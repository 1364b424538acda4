import { describe, expect, it } from "vitest";

import {
  addNoteSchema,
  addTemplateNoteSchema,
  changeStatusSchema,
  declareIncidentSchema,
  incidentFiltersSchema,
  incidentIdSchema,
  pinEventSchema,
} from "./schemas";

const valid = { title: "Checkout p95 over 50 ms", severity: "SEV1", service: "api-optimizer", summary: "" };

function messagesOf(result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) {
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
}

describe("declareIncidentSchema", () => {
  it("accepts a complete declaration and trims it", () => {
    const parsed = declareIncidentSchema.parse({ ...valid, title: "  Checkout down  " });
    expect(parsed.title).toBe("Checkout down");
  });

  it("refuses an empty title with a message for the title field", () => {
    expect(messagesOf(declareIncidentSchema.safeParse({ ...valid, title: "   " }))).toEqual({
      title: "Title is required",
    });
  });

  it("refuses a title under 3 characters", () => {
    expect(messagesOf(declareIncidentSchema.safeParse({ ...valid, title: "ab" })).title).toMatch(
      /at least 3/,
    );
  });

  it.each(["SEV-7", "SEV7", "SEV-1", "sev1", ""])("refuses severity %j", (severity) => {
    expect(messagesOf(declareIncidentSchema.safeParse({ ...valid, severity })).severity).toBe(
      "Choose a severity: SEV-0, SEV-1, SEV-2 or SEV-3",
    );
  });

  it("requires the affected service", () => {
    expect(messagesOf(declareIncidentSchema.safeParse({ ...valid, service: "" })).service).toBe(
      "Affected service is required",
    );
  });

  it("refuses a summary over 5,000 characters", () => {
    expect(
      messagesOf(declareIncidentSchema.safeParse({ ...valid, summary: "x".repeat(5_001) })).summary,
    ).toMatch(/5,000/);
  });
});

describe("addNoteSchema", () => {
  it("keeps the Markdown body as written", () => {
    const body = "  **bold**\n\n- item\n";
    expect(addNoteSchema.parse({ incidentId: "4", body })).toEqual({ incidentId: 4, body });
  });

  it("refuses a blank note", () => {
    expect(messagesOf(addNoteSchema.safeParse({ incidentId: 4, body: " \n " })).body).toBe("Write a note");
  });

  it("refuses a 1 MB note with a message that says how long it was", () => {
    const message = messagesOf(addNoteSchema.safeParse({ incidentId: 4, body: "a".repeat(1_048_576) })).body;
    expect(message).toBe(
      "Note is too long: 1,048,576 characters, at most 65,536. Split it or attach a link to the full log.",
    );
  });

  it("accepts a note of exactly 65,536 characters", () => {
    expect(addNoteSchema.safeParse({ incidentId: 4, body: "a".repeat(65_536) }).success).toBe(true);
  });
});

describe("addTemplateNoteSchema", () => {
  it("names each missing template field", () => {
    const errors = messagesOf(
      addTemplateNoteSchema.safeParse({ incidentId: 1, runTimestamp: "2026-11-23T03:00Z" }),
    );
    expect(errors).toMatchObject({
      targetSubset: "Target subset is required",
      followUp: "Follow-up tuning decisions is required",
    });
    expect(errors.runTimestamp).toBeUndefined();
  });
});

describe("ids and the rest", () => {
  it.each(["0", "-3", "1.5", "abc", "99999999999"])("refuses incident id %j", (id) => {
    expect(incidentIdSchema.safeParse(id).success).toBe(false);
  });

  it("turns an empty reason into no reason", () => {
    expect(changeStatusSchema.parse({ incidentId: 1, to: "mitigated", reason: "" }).reason).toBeUndefined();
  });

  it("reads pinned from a form string", () => {
    expect(pinEventSchema.parse({ incidentId: 1, eventId: 2, pinned: "false" }).pinned).toBe(false);
  });

  it("ignores unknown list filters instead of failing", () => {
    expect(incidentFiltersSchema.parse({ status: "exploded", severity: "SEV1", open: "1" })).toEqual({
      status: undefined,
      severity: "SEV1",
      open: true,
    });
  });
});
