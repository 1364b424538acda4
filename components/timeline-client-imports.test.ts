import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The incident page's first paint parses every script its client components import statically.
// Validation (zod) belongs on the server, and the Markdown renderer is loaded on first use
// (timeline-markdown.tsx): neither may come back into a client module's static imports.
const ROOT = path.resolve(import.meta.dirname, "..");
const HEAVY = ["zod", "react-markdown"];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

function resolveLocal(from: string, spec: string): string | null {
  const base = spec.startsWith("@/")
    ? path.join(ROOT, spec.slice(2))
    : spec.startsWith(".")
      ? path.resolve(path.dirname(from), spec)
      : null;
  if (!base) return null;
  for (const ext of ["", ".ts", ".tsx", "/index.ts", "/index.tsx"])
    if (existsSync(base + ext) && statSync(base + ext).isFile()) return base + ext;
  return null;
}

/** Module specifiers `source` imports or re-exports for their values (type-only ones left out). */
function valueImports(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/^(?:import|export)\s+(?!type\b)([^;]*?)\s+from\s+["']([^"']+)["']/gms)) {
    const names = m[1]!.trim();
    const typeOnly =
      /^\{[^}]*\}$/.test(names) &&
      names
        .slice(1, -1)
        .split(",")
        .every((n) => /^\s*(type\s|$)/.test(n));
    if (!typeOnly) out.push(m[2]!);
  }
  for (const m of source.matchAll(/^import\s+["']([^"']+)["']/gm)) out.push(m[1]!);
  return out;
}

/** The chain from `entry` to a heavy package through static value imports, if there is one.
 * Server action modules ("use server") reach the browser only as references, so they end a path. */
function heavyChain(entry: string): string[] | null {
  const seen = new Set<string>();
  const stack: [string, string[]][] = [[entry, [path.relative(ROOT, entry)]]];
  while (stack.length) {
    const [file, chain] = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, "utf8");
    if (file !== entry && /^\s*["']use server["']/.test(source)) continue;
    for (const spec of valueImports(source)) {
      if (HEAVY.some((h) => spec === h || spec.startsWith(`${h}/`))) return [...chain, spec];
      const next = resolveLocal(file, spec);
      if (next) stack.push([next, [...chain, path.relative(ROOT, next)]]);
    }
  }
  return null;
}

describe("client components", () => {
  const clientModules = ["components", "app"]
    .flatMap((d) => sourceFiles(path.join(ROOT, d)))
    .filter((f) => /^\s*["']use client["']/.test(readFileSync(f, "utf8")));

  it("are found", () => {
    expect(clientModules.map((f) => path.relative(ROOT, f))).toContain("components/incident-timeline.tsx");
  });

  it.each(clientModules.map((f) => [path.relative(ROOT, f), f]))(
    "%s imports neither zod nor react-markdown statically",
    (_name, file) => {
      expect(heavyChain(file)).toBeNull();
    },
  );
});
