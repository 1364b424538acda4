import { z } from "zod";

import { isSigningSecret } from "./signing";
import { AUDIENCES, CHANNEL_KINDS } from "./types";

/** A new channel. The field names say "secret" so the audit log redacts them (lib/audit/summary.ts). */
export const createChannelSchema = z
  .object({
    name: z.string().trim().min(2, "At least 2 characters").max(80),
    kind: z.enum(CHANNEL_KINDS),
    audience: z.enum(AUDIENCES),
    secretUrl: z
      .url({ protocol: /^https?$/, message: "An http(s) URL" })
      .max(2000)
      .refine((u) => !new URL(u).username && !new URL(u).password, "No user or password in the URL"),
    signingSecret: z
      .string()
      .trim()
      .max(200)
      .optional()
      .transform((s) => s || undefined)
      .refine((s) => s === undefined || isSigningSecret(s), "A Standard Webhooks secret (whsec_ + base64)"),
  })
  .refine((c) => c.kind === "signed" || c.signingSecret === undefined, {
    path: ["signingSecret"],
    message: "Only signed webhooks take a signing secret",
  });
export type CreateChannelInput = z.infer<typeof createChannelSchema>;

export const channelIdSchema = z.object({ channelId: z.coerce.number().int().positive() });
export const setEnabledSchema = channelIdSchema.extend({ enabled: z.boolean() });
