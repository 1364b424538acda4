/** Roles of the optimizer runbook's "Emergency Contacts" table (seed 001, "Quick Reference"):
 * Incident Commander, Technical Lead, Operations, Security. Assigned per incident to people by name. */
export const INCIDENT_ROLES = ["incident_commander", "technical_lead", "operations", "security"] as const;
export type IncidentRole = (typeof INCIDENT_ROLES)[number];

export const ROLE_LABELS: Record<IncidentRole, string> = {
  incident_commander: "Incident Commander",
  technical_lead: "Technical Lead",
  operations: "Operations",
  security: "Security",
};
