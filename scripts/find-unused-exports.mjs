#!/usr/bin/env node
// Lists exports of app/, components/ and lib/ that no other file uses, or that only tests use.
// A heuristic (names are matched as words across the tree), meant for review before removing:
// `node scripts/find-unused-exports.mjs`.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import ts from "typescript";

// Names Next.js reads from route files, and files it loads by convention.
const FRAMEWORK_NAMES = new Set([
  "default",
  "metadata",
  "viewport",
  "generateMetadata",
  "generateStaticParams",
  "dynamic",
  "revalidate",
  "runtime",
  "GET",
  "POST",
  "PUT",
  "PATCH",
  "DELETE",
  "HEAD",
  "OPTIONS",
  "config",
  "register",
  "proxy",
]);

const tracked = execFileSync("git", ["ls-files", "-co", "--exclude-standard"], { encoding: "utf8" })
  .split("\n")
  .filter((f) => /\.(ts|tsx|mts|mjs|js)$/.test(f) && !f.startsWith("lib/generated/") && fs.existsSync(f));
const isTest = (f) => /\.test\.tsx?$|^e2e\/|^lib\/testing\/|\/fake-|^doubles\//.test(f);
const product = tracked.filter((f) => /^(app|components|lib)\//.test(f) && !isTest(f));

function exportedNames(file) {
  const src = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const names = [];
  const isExported = (n) => ts.getModifiers?.(n)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const stmt of src.statements) {
    if (ts.isVariableStatement(stmt) && isExported(stmt)) {
      for (const d of stmt.declarationList.declarations) if (ts.isIdentifier(d.name)) names.push(d.name.text);
    } else if (
      (ts.isFunctionDeclaration(stmt) ||
        ts.isClassDeclaration(stmt) ||
        ts.isInterfaceDeclaration(stmt) ||
        ts.isTypeAliasDeclaration(stmt) ||
        ts.isEnumDeclaration(stmt)) &&
      isExported(stmt) &&
      stmt.name
    ) {
      names.push(stmt.name.text);
    } else if (
      ts.isExportDeclaration(stmt) &&
      !stmt.moduleSpecifier &&
      stmt.exportClause &&
      ts.isNamedExports(stmt.exportClause)
    ) {
      for (const el of stmt.exportClause.elements) names.push(el.name.text);
    }
  }
  return names;
}

const texts = new Map(tracked.map((f) => [f, fs.readFileSync(f, "utf8")]));
const rows = [];
for (const file of product) {
  for (const name of exportedNames(file)) {
    if (FRAMEWORK_NAMES.has(name)) continue;
    const word = new RegExp(`\\b${name}\\b`);
    const users = tracked.filter((f) => f !== file && word.test(texts.get(f)));
    const ownUses = (texts.get(file).match(new RegExp(`\\b${name}\\b`, "g")) ?? []).length;
    if (users.length === 0) rows.push(`${ownUses > 1 ? "local-only" : "unused    "}  ${file}  ${name}`);
    else if (users.every(isTest)) rows.push(`tests-only  ${file}  ${name}  (${users.join(", ")})`);
  }
}
console.log(rows.sort().join("\n"));
console.log(`${rows.length} exports to review`);
