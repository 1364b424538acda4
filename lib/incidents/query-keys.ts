/** TanStack Query keys for incident data (from factories, never inline arrays). */
export const incidentKeys = {
  all: ["incidents"] as const,
  /** Every filtered live feed of one incident (what a pushed change invalidates). */
  allEvents: (incidentId: number) => [...incidentKeys.all, incidentId, "events"] as const,
  events: (incidentId: number, filter: { kinds: readonly string[]; pinnedOnly: boolean }) =>
    [...incidentKeys.allEvents(incidentId), filter.kinds.join(","), filter.pinnedOnly] as const,
  /** This viewer's notes on their way to the server (optimistic, then confirmed or failed). */
  ownNotes: (incidentId: number) => [...incidentKeys.all, incidentId, "own-notes"] as const,
};
