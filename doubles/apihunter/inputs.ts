/** Seeds from the one input flag (contract 1.1): URL files are trimmed, blank and `#` lines ignored. */
import { readFileSync } from "node:fs";

import type { Options } from "./cli";

export function parseUrlList(text: string): string[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
}

const STATIC = /\.(js|css|png|jpe?g|gif|svg|ico|woff2?|ttf|map)(\?|$)/i;
const apiLikely = (u: string) => !STATIC.test(u);

function collectionUrls(node: unknown, out: string[]): void {
  if (Array.isArray(node)) for (const n of node) collectionUrls(n, out);
  else if (node && typeof node === "object") {
    const o = node as Record<string, unknown>;
    const url = (o.request as { url?: unknown } | undefined)?.url;
    if (typeof url === "string") out.push(url);
    else if (url && typeof (url as { raw?: unknown }).raw === "string")
      out.push((url as { raw: string }).raw);
    if (typeof o.url === "string" && o._type === "request") out.push(o.url);
    for (const v of Object.values(o)) if (typeof v === "object") collectionUrls(v, out);
  }
}

/** Reads the seeds; throws an Error with ApiHunter's message when the input cannot be read. */
export function readSeeds(o: Options, stdin: () => string): string[] {
  if (o.stdin) return parseUrlList(stdin());
  const file = (o.urls ?? o.har ?? o.collection) as string;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new Error(
      `Failed to read ${o.urls ? "URL" : o.har ? "HAR" : "collection"} file '${file}': ${(e as Error).message}`,
    );
  }
  if (o.urls) return parseUrlList(text);
  const doc = JSON.parse(text) as { log?: { entries?: Array<{ request?: { url?: string } }> } };
  if (o.har)
    return (doc.log?.entries ?? []).map((e) => e.request?.url ?? "").filter((u) => u && apiLikely(u));
  const urls: string[] = [];
  collectionUrls(doc, urls);
  return [...new Set(urls.filter(apiLikely))];
}
