import { z } from "zod";

import { WATCH_MODES } from "./decide";

export const startSwitchSchema = z.object({
  service: z.string().trim().min(1, "Which service?").max(100),
  mode: z.enum(WATCH_MODES),
});

export const endWatchSchema = z.object({
  watchId: z.coerce.number().int().positive(),
  how: z.enum(["keep", "rollback"]),
});

export const startRolloutWatchSchema = z.object({
  service: z.string().trim().min(1, "Which service?").max(100),
  revision: z.coerce.number().int().positive(),
});
