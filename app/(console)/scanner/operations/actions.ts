"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { backToPassive } from "@/lib/scanner/operations/back-to-passive";
import { openIncidentFromScan } from "@/lib/scanner/operations/incident-link";
import { cancelScan, requestScan } from "@/lib/scanner/operations/scans";
import { recordOperatorReport } from "@/lib/scanner/operations/operator-report";
import {
  activeScanSchema,
  addTargetsSchema,
  authorizationSchema,
  backToPassiveSchema,
  openIncidentSchema,
  passiveScanSchema,
  scanIdSchema,
  triageSchema,
} from "@/lib/scanner/operations/schemas";
import { addTargets, recordAuthorization, recordTriage } from "@/lib/scanner/operations/targets";
import { defineAction, type ActionResult } from "@/lib/server-action";

export type OpsState = ActionResult<{ message: string }> | null;

const PAGE = "/scanner/operations";

/** Runs a defined action from a form and refreshes the page on success. */
async function submit(
  action: (input: unknown) => Promise<ActionResult<{ message: string }>>,
  formData: FormData,
): Promise<OpsState> {
  const result = await action(formData);
  if (result.ok) revalidatePath(PAGE);
  return result;
}

const addTargetsAction = defineAction(
  { schema: addTargetsSchema, permission: "scanner:active", name: "scanner.addTargets" },
  async (input, { actor }) => {
    const n = await addTargets(input.environment, input.urls.split(/\r?\n/), actor.name);
    return { message: `${n} target(s) approved for ${input.environment}.` };
  },
);
export async function addTargetsFormAction(_prev: OpsState, formData: FormData) {
  return submit(addTargetsAction, formData);
}

const authorizeAction = defineAction(
  { schema: authorizationSchema, permission: "scanner:active", name: "scanner.recordAuthorization" },
  async (input, { actor }) => {
    const r = await recordAuthorization({ ...input, recordedBy: actor.name });
    return { message: `Authorization #${r.id} recorded.` };
  },
);
export async function authorizeFormAction(_prev: OpsState, formData: FormData) {
  return submit(authorizeAction, formData);
}

const passiveAction = defineAction(
  { schema: passiveScanSchema, permission: "scanner:run", name: "scanner.runPassive" },
  async (input, { actor }) => {
    const r = await requestScan({
      environment: input.environment,
      stage: input.stage,
      requestedBy: actor.name,
    });
    return { message: `Scan #${r.id} queued on ${r.targetUrls.length} target(s).` };
  },
);
export async function passiveScanFormAction(_prev: OpsState, formData: FormData) {
  return submit(passiveAction, formData);
}

const activeAction = defineAction(
  { schema: activeScanSchema, permission: "scanner:active", name: "scanner.runActive" },
  async (input, { actor }) => {
    const r = await requestScan({
      environment: input.environment,
      stage: input.stage,
      fraction: input.percent === undefined ? undefined : input.percent / 100,
      seed: input.seed || undefined,
      requestedBy: actor.name,
    });
    return { message: `Scan #${r.id} queued on ${r.targetUrls.length} target(s).` };
  },
);
export async function activeScanFormAction(_prev: OpsState, formData: FormData) {
  return submit(activeAction, formData);
}

const cancelAction = defineAction(
  { schema: scanIdSchema, permission: "scanner:run", name: "scanner.cancelScan" },
  async (input) => {
    await cancelScan(input.scanId);
    return { message: `Scan #${input.scanId} is being stopped.` };
  },
);
export async function cancelScanFormAction(_prev: OpsState, formData: FormData) {
  return submit(cancelAction, formData);
}

const operatorReportAction = defineAction(
  { schema: scanIdSchema, permission: "scanner:run", name: "scanner.operatorReport" },
  async (input, { actor }) => {
    await recordOperatorReport(input.scanId, actor.name);
    return { message: `Operator report recorded on scan #${input.scanId}: a rollback trigger.` };
  },
);
export async function operatorReportFormAction(_prev: OpsState, formData: FormData) {
  return submit(operatorReportAction, formData);
}

const triageAction = defineAction(
  { schema: triageSchema, permission: "scanner:active", name: "scanner.triage" },
  async (input, { actor }) => {
    await recordTriage({ ...input, triagedBy: actor.name });
    return { message: `Triaged ${input.check} as ${input.verdict.replace("_", " ")}.` };
  },
);
export async function triageFormAction(_prev: OpsState, formData: FormData) {
  return submit(triageAction, formData);
}

const backToPassiveAction = defineAction(
  { schema: backToPassiveSchema, permission: "scanner:run", name: "scanner.backToPassive" },
  async (input, { actor }) => {
    const r = await backToPassive({ ...input, requestedBy: actor.name });
    const stopped = r.stopped.length
      ? ` Stopping active scan(s) ${r.stopped.map((id) => `#${id}`).join(", ")}.`
      : "";
    return {
      message: `Back to passive: scan #${r.id} queued on ${r.targetUrls.length} target(s).${stopped}`,
    };
  },
);
export async function backToPassiveFormAction(_prev: OpsState, formData: FormData) {
  return submit(backToPassiveAction, formData);
}

const openIncidentAction = defineAction(
  { schema: openIncidentSchema, permission: "incident:write", name: "scanner.openIncident" },
  async (input, { actor }) => {
    const r = await openIncidentFromScan(input, actor);
    return {
      message: `Incident #${r.incidentId} ${r.created ? "opened" : "already open"}.`,
      incidentId: r.incidentId,
    };
  },
);
/** Opens (or finds) the trigger's incident, then goes to it with the notes template pre-filled. */
export async function openIncidentFormAction(_prev: OpsState, formData: FormData): Promise<OpsState> {
  const result = await openIncidentAction(formData);
  if (!result.ok) return result;
  revalidatePath(PAGE);
  redirect(`/incidents/${result.data.incidentId}?notesFromScan=${String(formData.get("scanId"))}`);
}
