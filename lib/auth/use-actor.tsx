"use client";

import { createContext, useContext } from "react";

import { can, deniedReason, type Actor, type Permission } from "./permissions";

const ActorContext = createContext<Actor | null>(null);

/** Gives client components the signed-in person (the server decides; this only shapes the UI). */
export function ActorProvider({ actor, children }: { actor: Actor | null; children: React.ReactNode }) {
  return <ActorContext.Provider value={actor}>{children}</ActorContext.Provider>;
}

/** The signed-in person and what they may do, for hiding or disabling controls with a reason. */
export function useActor(): {
  actor: Actor | null;
  can: (permission: Permission) => boolean;
  /** "Needs the commander role", or null when allowed. */
  whyNot: (permission: Permission) => string | null;
} {
  const actor = useContext(ActorContext);
  return {
    actor,
    can: (p) => can(actor, p),
    whyNot: (p) => deniedReason(actor, p),
  };
}
