import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";

import { isAppError } from "@/lib/errors";
import { getServiceOrThrow } from "@/lib/services/queries";
import { PermissionGate } from "@/components/permission-gate";

import { updateServiceAction } from "../../actions";
import { DeleteServiceButton } from "../../delete-button";
import { ServiceForm } from "../../service-form";

export const metadata = { title: "Edit service" };

export default async function EditServicePage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const service = await getServiceOrThrow(id).catch((e: unknown) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  return (
    <div className="space-y-4">
      <Link href="/dashboards/services" className="text-sm underline">
        ← Services under watch
      </Link>
      <h1 className="text-xl font-semibold">Edit {service.name}</h1>
      <PermissionGate permission="service:write" className="space-y-4">
        <ServiceForm action={updateServiceAction} service={service} />
        <DeleteServiceButton id={service.id} name={service.name} />
      </PermissionGate>
    </div>
  );
}
