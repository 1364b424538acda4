import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

/** Repository root (this file lives in lib/testing/). */
export const repoRoot = path.resolve(import.meta.dirname, "../..");

const SOURCE_EXT = [".ts", ".tsx", ".mts", ".js", ".mjs"];
const SKIP_DIRS = new Set(["node_modules", "generated", ".next", ".data"]);

/** Every source file under `dir` (repo-relative, forward slashes), generated code excluded. */
export function listSourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    const abs = path.join(repoRoot, rel);
    if (!fs.existsSync(abs)) return;
    for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
      const child = `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith(".next")) walk(child);
      } else if (SOURCE_EXT.some((ext) => entry.name.endsWith(ext)) && !entry.name.endsWith(".d.ts")) {
        out.push(child);
      }
    }
  };
  walk(dir);
  return out.sort();
}

/** Module specifiers a file imports: static imports/exports, `import()` and `require()`. */
export function importSpecifiers(file: string): string[] {
  const source = fs.readFileSync(path.join(repoRoot, file), "utf8");
  const info = ts.preProcessFile(source, true, true);
  return info.importedFiles.map((f) => f.fileName);
}

function resolveCandidate(base: string): string | null {
  const candidates = [
    base,
    ...SOURCE_EXT.map((e) => base + e),
    ...SOURCE_EXT.map((e) => `${base}/index${e}`),
  ];
  for (const c of candidates) {
    const abs = path.join(repoRoot, c);
    if (fs.existsSync(abs) && fs.statSync(abs).isFile()) return c;
  }
  return null;
}

/**
 * Resolves a specifier written in `fromFile` to a repo-relative file, for the `@/` alias and
 * relative paths; packages (and anything that does not resolve to a file) give null.
 */
export function resolveImport(fromFile: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = spec.slice(2);
  else if (spec.startsWith("./") || spec.startsWith("../")) {
    base = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), spec));
  } else return null;
  // ESM-style imports of TypeScript files name them with a .js extension.
  return resolveCandidate(base) ?? resolveCandidate(base.replace(/\.(m?js)$/, ""));
}

export type ImportGraph = Map<string, Set<string>>;

/** File → files it imports (only edges to files inside `files`). */
export function buildImportGraph(files: readonly string[]): ImportGraph {
  const known = new Set(files);
  const graph: ImportGraph = new Map();
  for (const file of files) {
    const targets = new Set<string>();
    for (const spec of importSpecifiers(file)) {
      const target = resolveImport(file, spec);
      if (target && known.has(target) && target !== file) targets.add(target);
    }
    graph.set(file, targets);
  }
  return graph;
}

/** `lib/<folder>` for files in a folder of lib/, the file itself for files at lib/'s root. */
export function libNode(file: string): string {
  const parts = file.split("/");
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : file;
}

/** Collapses a file graph onto nodes (e.g. folders); self-edges dropped. */
export function collapseGraph(graph: ImportGraph, node: (file: string) => string): ImportGraph {
  const out: ImportGraph = new Map();
  for (const [from, targets] of graph) {
    const a = node(from);
    if (!out.has(a)) out.set(a, new Set());
    for (const to of targets) {
      const b = node(to);
      if (a !== b) out.get(a)!.add(b);
    }
  }
  return out;
}

/** Strongly connected components with more than one node (Tarjan): each one is a cycle. */
export function findCycles(graph: ImportGraph): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return cycles;
}

/** Pairs of nodes importing each other (the "A ↔ B" cycles a reader counts). */
export function mutualPairs(graph: ImportGraph): string[] {
  const pairs: string[] = [];
  for (const [a, targets] of graph) {
    for (const b of targets) if (a < b && graph.get(b)?.has(a)) pairs.push(`${a} <-> ${b}`);
  }
  return pairs.sort();
}
