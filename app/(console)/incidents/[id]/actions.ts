"use server";

import { revalidatePath } from "next/cache";

import { defineAction, type ActionResult } from "@/lib/server-action";
import {
  acknowledgeIncident,
  addNote,
  addTemplateNote,
  assignRole,
  changeSeverity,
  changeStatus,
  setEventPinned,
} from "@/lib/incidents/commands";
import { formDataToObject } from "@/lib/form-data";
import type { FormState } from "@/lib/incidents/form-state";
import {
  acknowledgeSchema,
  addNoteSchema,
  addTemplateNoteSchema,
  assignRoleSchema,
  changeSeveritySchema,
  changeStatusSchema,
  pinEventSchema,
} from "@/lib/incidents/schemas";
import type { TimelineEventDto } from "@/lib/incidents/types";

/** Thin actions: defineAction parses, authorizes and maps errors; the command does the work. */
const note = defineAction({ schema: addNoteSchema, permission: "incident:write" }, (i, { actor }) =>
  addNote(i, actor),
);
const templateNote = defineAction(
  { schema: addTemplateNoteSchema, permission: "incident:write" },
  (i, { actor }) => addTemplateNote(i, actor),
);
const status = defineAction({ schema: changeStatusSchema, permission: "incident:command" }, (i, { actor }) =>
  changeStatus(i, actor),
);
const severity = defineAction(
  { schema: changeSeveritySchema, permission: "incident:command" },
  (i, { actor }) => changeSeverity(i, actor),
);
const role = defineAction({ schema: assignRoleSchema, permission: "incident:command" }, (i, { actor }) =>
  assignRole(i, actor),
);
const pin = defineAction({ schema: pinEventSchema, permission: "incident:write" }, (i, { actor }) =>
  setEventPinned(i, actor),
);

const acknowledge = defineAction(
  { schema: acknowledgeSchema, permission: "incident:write" },
  (i, { actor }) => acknowledgeIncident(i, actor),
);

async function finish<T>(result: ActionResult<T>, formData: FormData): Promise<FormState<T>> {
  if (!result.ok) return { ...result, values: formDataToObject(formData) };
  revalidatePath(`/incidents/${String(formData.get("incidentId"))}`, "layout");
  return result;
}

/** A note: no page re-render, the author's timeline shows it optimistically and then confirmed,
 * every other viewer gets it from the live feed. */
export async function postNoteAction(input: {
  incidentId: number;
  body: string;
}): Promise<ActionResult<TimelineEventDto>> {
  return note(input);
}

export async function addTemplateNoteAction(_prev: FormState | null, formData: FormData) {
  return finish(await templateNote(formData), formData);
}

export async function changeStatusAction(_prev: FormState | null, formData: FormData) {
  return finish(await status(formData), formData);
}

export async function changeSeverityAction(_prev: FormState | null, formData: FormData) {
  return finish(await severity(formData), formData);
}

export async function assignRoleAction(_prev: FormState | null, formData: FormData) {
  return finish(await role(formData), formData);
}

export async function setEventPinnedAction(input: {
  incidentId: number;
  eventId: number;
  pinned: boolean;
}): Promise<ActionResult<TimelineEventDto>> {
  const result = await pin(input);
  if (result.ok) revalidatePath(`/incidents/${input.incidentId}`, "layout");
  return result;
}

export async function acknowledgeAction(_prev: FormState | null, formData: FormData) {
  return finish(await acknowledge(formData), formData);
}
