import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  buildImportGraph,
  collapseGraph,
  findCycles,
  importSpecifiers,
  libNode,
  listSourceFiles,
  repoRoot,
  resolveImport,
} from "@/lib/testing/import-graph";

const isTest = (file: string) => /\.test\.tsx?$/.test(file);

/** lib/ code the app runs: no tests, no test helpers. */
const libProductFiles = listSourceFiles("lib").filter((f) => !isTest(f) && !f.startsWith("lib/testing/"));

/** Everything the app ships: pages, components, lib and the root entry files. */
const productFiles = [
  ...listSourceFiles("app"),
  ...listSourceFiles("components"),
  ...libProductFiles,
  ...["instrumentation.ts", "proxy.ts"].filter((f) => fs.existsSync(path.join(repoRoot, f))),
].filter((f) => !isTest(f));

function hasFiles(dir: string): boolean {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .some((e) => e.isFile() || (e.isDirectory() && hasFiles(path.join(dir, e.name))));
}

describe("architecture of lib/", () => {
  const fileGraph = buildImportGraph(libProductFiles);

  it("resolves alias, relative and dynamic imports when it builds the graph", () => {
    // Guards the checks below against a parser that silently finds no edges.
    const edges = [...fileGraph.values()].reduce((n, targets) => n + targets.size, 0);
    expect(edges).toBeGreaterThan(100);
    expect(fileGraph.size).toBe(libProductFiles.length);
  });

  it("has no import cycle between lib/ folders (root files count as their own node)", () => {
    const folderGraph = collapseGraph(fileGraph, libNode);
    expect(findCycles(folderGraph)).toEqual([]);
  });

  it("has no import cycle between files of lib/", () => {
    expect(findCycles(fileGraph)).toEqual([]);
  });
});

describe("product code and the doubles", () => {
  it("never imports doubles/ from app/, components/ or lib/ (tests and lib/testing may)", () => {
    const offenders: string[] = [];
    for (const file of productFiles) {
      for (const spec of importSpecifiers(file)) {
        const target = resolveImport(file, spec) ?? spec;
        if (/(^|\/)doubles\//.test(target)) offenders.push(`${file} -> ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});

describe("docs/architecture.md", () => {
  it("lists every lib/ folder in its module map", () => {
    const doc = fs.readFileSync(path.join(repoRoot, "docs/architecture.md"), "utf8");
    const libDir = path.join(repoRoot, "lib");
    const folders = fs
      .readdirSync(libDir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && hasFiles(path.join(libDir, e.name)))
      .map((e) => `lib/${e.name}/`);
    const missing = folders.filter((folder) => !doc.includes(`\`${folder}\``));
    expect(missing).toEqual([]);
  });

  it("lists every root module of lib/", () => {
    const doc = fs.readFileSync(path.join(repoRoot, "docs/architecture.md"), "utf8");
    const rootFiles = libProductFiles.filter((f) => f.split("/").length === 2);
    expect(rootFiles.filter((file) => !doc.includes(`\`${file}\``))).toEqual([]);
  });
});
