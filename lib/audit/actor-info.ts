import type { Actor } from "@/lib/auth/permissions";

export type ActorInfo = { id: string; name: string; email: string | null; via: string | null };

/** The audit and approval fields of an actor: its stable id (issuer + subject) and how it
 * signed in. Read defensively so a display-name-only actor is still recorded (by name). */
export function actorInfo(actor: Actor): ActorInfo {
  const a = actor as Actor & { id?: unknown; email?: unknown; via?: unknown };
  return {
    id: typeof a.id === "string" && a.id ? a.id : `name:${actor.name}`,
    name: actor.name,
    email: typeof a.email === "string" ? a.email : null,
    via: typeof a.via === "string" ? a.via : null,
  };
}
