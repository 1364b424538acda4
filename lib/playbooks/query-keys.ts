/** TanStack Query keys for playbook data (key factories, not inline arrays). */
export const playbookKeys = {
  all: ["playbooks"] as const,
  incident: (incidentId: number) => [...playbookKeys.all, "incident", incidentId] as const,
  logTail: (incidentId: number, stepKey: string) =>
    [...playbookKeys.all, "log-tail", incidentId, stepKey] as const,
};
