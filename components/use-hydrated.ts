"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/** False on the server render and while the page's script has not taken over the HTML yet
 * (hydration), true after: controls that only work through their handlers wait for it. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
