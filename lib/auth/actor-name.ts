import { z } from "zod";

export const ACTOR_COOKIE = "fb_actor";

export const actorNameSchema = z
  .string()
  .trim()
  .min(2, "Enter at least 2 characters")
  .max(60, "Keep it under 60 characters")
  .regex(/^[\p{L}\p{N} .'_@-]+$/u, "Letters, digits, spaces and . ' _ @ - only");
