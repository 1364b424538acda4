/** Actions offered on an incident page (issue #4 fills this in: emergency rollback etc.). */
export function IncidentActions(_props: { incidentId: number; service: string }) {
  return null;
}
