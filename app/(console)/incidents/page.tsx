export const metadata = { title: "Incidents" };

export default function IncidentsPage() {
  return <h1 className="text-xl font-semibold">Incidents</h1>;
}
