import Link from "next/link";

import { PermissionGate } from "@/components/permission-gate";

import { createServiceAction } from "../actions";
import { ServiceForm } from "../service-form";

export const metadata = { title: "Add service" };

export default function NewServicePage() {
  return (
    <div className="space-y-4">
      <Link href="/dashboards/services" className="text-sm underline">
        ← Services under watch
      </Link>
      <h1 className="text-xl font-semibold">Add a service</h1>
      <PermissionGate permission="service:write">
        <ServiceForm action={createServiceAction} />
      </PermissionGate>
    </div>
  );
}
