import "server-only";

import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

import { authorizationInForce } from "../rollout/authorization";

/** Approved targets per environment (runbook 000 · Preconditions). Only http(s) URLs. */
export async function addTargets(environment: string, urls: string[], addedBy: string): Promise<number> {
  const clean = [...new Set(urls.map((u) => u.trim()).filter(Boolean))];
  for (const u of clean) {
    let parsed: URL;
    try {
      parsed = new URL(u);
    } catch {
      throw new AppError("INVALID_INPUT", `Not a URL: ${u.slice(0, 200)}`);
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
      throw new AppError("INVALID_INPUT", `Only http and https targets can be scanned: ${u.slice(0, 200)}`);
  }
  const r = await getDb().scannerTarget.createMany({
    data: clean.map((url) => ({ environment, url, addedBy })),
    skipDuplicates: true,
  });
  return r.count;
}

export async function listTargets(environment: string): Promise<string[]> {
  const rows = await getDb().scannerTarget.findMany({ where: { environment }, orderBy: { id: "asc" } });
  return rows.map((r) => r.url);
}

/** Records who authorized scanning this environment's targets, the document, and until when. */
export async function recordAuthorization(input: {
  environment: string;
  authorizedBy: string;
  documentUrl: string;
  expiresAt: Date;
  recordedBy: string;
  now?: Date;
}): Promise<{ id: number }> {
  if (!/^https?:\/\//.test(input.documentUrl))
    throw new AppError("INVALID_INPUT", "The authorization document must be a link (http or https).");
  if (input.expiresAt.getTime() <= (input.now ?? new Date()).getTime())
    throw new AppError("INVALID_INPUT", "The authorization must expire in the future.");
  return getDb().scannerAuthorization.create({
    select: { id: true },
    data: {
      environment: input.environment,
      authorizedBy: input.authorizedBy,
      documentUrl: input.documentUrl,
      expiresAt: input.expiresAt,
      recordedBy: input.recordedBy,
    },
  });
}

export async function authorizationFor(environment: string, now = new Date()) {
  const rows = await getDb().scannerAuthorization.findMany({
    where: { environment, expiresAt: { gt: now } },
  });
  return authorizationInForce(rows, now);
}

export const TRIAGE_VERDICTS = ["false_positive", "accepted_risk", "fixed"] as const;

/** A HIGH/CRITICAL finding's triage (runbook 000 · Post-Run Triage Discipline); the latest wins. */
export async function recordTriage(input: {
  environment: string;
  url: string;
  check: string;
  verdict: (typeof TRIAGE_VERDICTS)[number];
  reason: string;
  triagedBy: string;
}): Promise<void> {
  if (!input.reason.trim()) throw new AppError("INVALID_INPUT", "Say why (the reason is required).");
  const { environment, url, check, ...rest } = input;
  await getDb().scannerTriage.upsert({
    where: { environment_url_check: { environment, url, check } },
    create: input,
    update: { ...rest, createdAt: new Date() },
  });
}
