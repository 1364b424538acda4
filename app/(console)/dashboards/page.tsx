import { ComingSoon } from "@/components/coming-soon";

export const metadata = { title: "Dashboards" };

export default function Page() {
  return <ComingSoon title="Dashboards" what="live latency, cache, retry, error and system charts with the runbook's thresholds and the computed SEV level" />;
}
