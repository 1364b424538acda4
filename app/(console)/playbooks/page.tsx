import { ComingSoon } from "@/components/coming-soon";

export const metadata = { title: "Playbooks" };

export default function Page() {
  return (
    <ComingSoon
      title="Playbooks"
      what="step-by-step SEV-0 to SEV-3 playbooks timed against their response targets"
    />
  );
}
