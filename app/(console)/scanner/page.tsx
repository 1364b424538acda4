import { ComingSoon } from "@/components/coming-soon";

export const metadata = { title: "Scanner" };

export default function Page() {
  return <ComingSoon title="Scanner" what="ApiHunter runs: passive baseline, canary active checks and back-to-passive rollback" />;
}
