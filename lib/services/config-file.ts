import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";

import { getDb } from "@/lib/db/client";
import { checkOutboundUrl } from "@/lib/net/outbound";

import { upsertServiceByName } from "./commands";
import { serviceInputSchema, type ServiceInput } from "./schema";

/** The file teams keep in git (YAML or JSON): `services: [ {name, metricsSource, …} ]`,
 * each entry in exactly the shape of the UI form (serviceInputSchema). */
export const servicesFileSchema = z.strictObject({
  services: z.array(serviceInputSchema).superRefine((list, ctx) => {
    const seen = new Map<string, number>();
    list.forEach((s, i) => {
      const first = seen.get(s.name);
      if (first !== undefined)
        ctx.addIssue({ code: "custom", path: [i, "name"], message: `duplicate of services[${first}].name` });
      else seen.set(s.name, i);
    });
  }),
});

export class ServicesFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`Invalid services file ${file}: nothing applied.\n  - ${problems.join("\n  - ")}`);
    this.name = "ServicesFileError";
  }
}

function pathOf(parts: ReadonlyArray<PropertyKey>): string {
  return parts.reduce<string>(
    (acc, p) => (typeof p === "number" ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)),
    "",
  );
}

/** Reads and validates the file; throws ServicesFileError naming the file and each bad field. */
export async function readServicesFile(file: string): Promise<ServiceInput[]> {
  const abs = path.resolve(file);
  let text: string;
  try {
    text = await readFile(/*turbopackIgnore: true*/ abs, "utf8");
  } catch (e) {
    throw new ServicesFileError(abs, [`cannot read: ${(e as Error).message}`]);
  }
  let raw: unknown;
  try {
    raw = /\.json$/i.test(abs) ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new ServicesFileError(abs, [
      `not valid ${/\.json$/i.test(abs) ? "JSON" : "YAML"}: ${(e as Error).message}`,
    ]);
  }
  const parsed = servicesFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ServicesFileError(
      abs,
      parsed.error.issues.map((i) => `${pathOf(i.path) || "(root)"}: ${i.message}`),
    );
  }
  // The same outbound checks as the services form (lib/net): a URL Firebreak would refuse to fetch.
  const checks = parsed.data.services.flatMap((s, i) =>
    (["metricsBaseUrl", "upstreamHealthUrl"] as const).map(async (field) => {
      const url = s[field];
      const refused = url ? await checkOutboundUrl(url) : null;
      return refused ? [`services[${i}].${field}: ${refused}`] : [];
    }),
  );
  const problems = (await Promise.all(checks)).flat();
  if (problems.length) throw new ServicesFileError(abs, problems);
  return parsed.data.services;
}

/** Loads the file and upserts every service by name in one transaction (all or nothing).
 * Services not in the file are left alone (they may have been added in the UI). */
export async function applyServicesFile(file: string): Promise<{ file: string; applied: string[] }> {
  const services = await readServicesFile(file);
  await getDb().$transaction(async (tx) => {
    for (const s of services) await upsertServiceByName(s, tx);
  });
  return { file: path.resolve(file), applied: services.map((s) => s.name) };
}
