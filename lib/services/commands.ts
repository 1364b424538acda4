import "server-only";

import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { kubeTargetRefusal } from "@/lib/kube/identity-config";
import { checkOutboundUrl } from "@/lib/net/outbound";

import { toWatchedService } from "./queries";
import { serviceInputSchema, type ServiceInput, type WatchedService } from "./schema";

type Tx = Pick<PrismaClient, "service">;

function toData(input: ServiceInput) {
  return {
    name: input.name,
    metricsSource: input.metricsSource,
    metricsBaseUrl: input.metricsBaseUrl,
    promQueries: input.promQueries as Prisma.InputJsonObject,
    ratioUnit: input.ratioUnit,
    thresholdOverrides: input.thresholdOverrides as Prisma.InputJsonObject,
    k8sContext: input.k8sContext ?? null,
    k8sNamespace: input.k8sNamespace,
    k8sDeployment: input.k8sDeployment,
    k8sService: input.k8sService,
    selectorLabel: input.selectorLabel,
    stableValue: input.stableValue,
    autoDeclare: input.autoDeclare,
    upstreamHealthUrl: input.upstreamHealthUrl ?? null,
  };
}

function nameTaken(e: unknown, name: string): never {
  if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
    throw new AppError("CONFLICT", `A service named "${name}" already exists.`, { name: ["Already taken"] });
  }
  throw e;
}

/** The metrics base URL and the upstream health URL must be ones Firebreak may fetch (lib/net):
 * never a link-local or metadata address, a private one only if allowlisted. Refused beside
 * the field. */
async function assertFetchableUrls(input: ServiceInput): Promise<void> {
  const fields = { metricsBaseUrl: input.metricsBaseUrl, upstreamHealthUrl: input.upstreamHealthUrl };
  const errors: Record<string, string[]> = {};
  for (const [field, url] of Object.entries(fields)) {
    const refused = url ? await checkOutboundUrl(url) : null;
    if (refused) errors[field] = [refused];
  }
  if (Object.keys(errors).length > 0)
    throw new AppError("INVALID_INPUT", "Please fix the highlighted fields.", errors);
}

/** The Kubernetes context/namespace must be in the configured allowlist (KUBE_ALLOWED_NAMESPACES,
 * KUBE_ALLOWED_CONTEXTS); actions check it again before sending anything. Refused beside the field. */
function assertAllowedTarget(input: ServiceInput): void {
  const refused = kubeTargetRefusal({ context: input.k8sContext ?? null, namespace: input.k8sNamespace });
  if (refused) {
    const field = refused.startsWith("Context") ? "k8sContext" : "k8sNamespace";
    throw new AppError("INVALID_INPUT", "Please fix the highlighted fields.", { [field]: [refused] });
  }
}

export async function createService(raw: ServiceInput): Promise<WatchedService> {
  const input = serviceInputSchema.parse(raw);
  assertAllowedTarget(input);
  await assertFetchableUrls(input);
  const row = await getDb()
    .service.create({ data: toData(input) })
    .catch((e: unknown) => nameTaken(e, input.name));
  return toWatchedService(row);
}

export async function updateService(id: number, raw: ServiceInput): Promise<WatchedService> {
  const input = serviceInputSchema.parse(raw);
  assertAllowedTarget(input);
  await assertFetchableUrls(input);
  const db = getDb();
  if (!(await db.service.findUnique({ where: { id }, select: { id: true } }))) {
    throw new AppError("NOT_FOUND", `Service #${id} does not exist.`);
  }
  const row = await db.service
    .update({ where: { id }, data: toData(input) })
    .catch((e: unknown) => nameTaken(e, input.name));
  return toWatchedService(row);
}

/** Deletes the service and (FK cascade) its samples. */
export async function deleteService(id: number): Promise<void> {
  const { count } = await getDb().service.deleteMany({ where: { id } });
  if (count === 0) throw new AppError("NOT_FOUND", `Service #${id} does not exist.`);
}

/** Per-service auto-declare opt-in: declare an incident when the computed SEV
 * reaches SEV-2 or worse. */
export async function setAutoDeclare(id: number, enabled: boolean): Promise<{ autoDeclare: boolean }> {
  const { count } = await getDb().service.updateMany({ where: { id }, data: { autoDeclare: enabled } });
  if (count === 0) throw new AppError("NOT_FOUND", `Service #${id} does not exist.`);
  return { autoDeclare: enabled };
}

/** Insert or update by name (the config file is the source of truth for the services it lists). */
export async function upsertServiceByName(input: ServiceInput, tx: Tx = getDb()): Promise<WatchedService> {
  assertAllowedTarget(input);
  const data = toData(input);
  const row = await tx.service.upsert({ where: { name: input.name }, create: data, update: data });
  return toWatchedService(row);
}
