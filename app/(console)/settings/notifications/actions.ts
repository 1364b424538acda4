"use server";

// Each call leaves an audit row through defineAction; the URL and signing secret are redacted
// there by their field names.

import { revalidatePath } from "next/cache";

import { createChannel, deleteChannel, setChannelEnabled } from "@/lib/notifications/channels";
import { sendTestNotification } from "@/lib/notifications/dispatch";
import { channelIdSchema, createChannelSchema, setEnabledSchema } from "@/lib/notifications/schemas";
import { defineAction, type ActionResult } from "@/lib/server-action";

const PAGE = "/settings/notifications";

const create = defineAction(
  { schema: createChannelSchema, permission: "admin", name: "notification.channel_create" },
  async (input, { actor }) => {
    const out = await createChannel(input, actor);
    revalidatePath(PAGE);
    return out;
  },
);

const enable = defineAction(
  { schema: setEnabledSchema, permission: "admin", name: "notification.channel_enable" },
  async ({ channelId, enabled }) => {
    await setChannelEnabled(channelId, enabled);
    revalidatePath(PAGE);
  },
);

const remove = defineAction(
  { schema: channelIdSchema, permission: "admin", name: "notification.channel_delete" },
  async ({ channelId }) => {
    await deleteChannel(channelId);
    revalidatePath(PAGE);
  },
);

const test = defineAction(
  { schema: channelIdSchema, permission: "admin", name: "notification.test_send" },
  async ({ channelId }, { actor }) => {
    const id = await sendTestNotification(channelId, actor);
    revalidatePath(PAGE);
    return { deliveryId: id };
  },
);

export async function createChannelAction(
  _prev: unknown,
  formData: FormData,
): Promise<ActionResult<{ id: number; signingSecret: string | null }>> {
  return create(formData);
}

export async function setChannelEnabledAction(input: unknown): Promise<ActionResult<void>> {
  return enable(input);
}

export async function deleteChannelAction(input: unknown): Promise<ActionResult<void>> {
  return remove(input);
}

export async function testSendAction(input: unknown): Promise<ActionResult<{ deliveryId: number }>> {
  return test(input);
}
