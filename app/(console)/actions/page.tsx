import { ComingSoon } from "@/components/coming-soon";

export const metadata = { title: "Actions" };

export default function Page() {
  return <ComingSoon title="Actions" what="one-click Kubernetes rollback, rollout undo, scale and containment, with an audit trail" />;
}
