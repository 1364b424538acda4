import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { PrismaClient } from "@/lib/generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db";

// Proves prisma/schema/*.prisma and the migrated database agree, for every model the
// schema has now and any added later: each model's table and columns exist with matching
// types, and a row with every field set round-trips through Prisma Client unchanged.

type RuntimeField = {
  name: string;
  kind: "scalar" | "enum" | "object";
  type: string;
  dbName?: string;
};
type RuntimeModel = { fields: RuntimeField[]; dbName: string | null };
type Column = { table_name: string; column_name: string; data_type: string; udt_name: string };
type ForeignKey = { table_name: string; column_name: string; ref_table: string; ref_column: string };

const PG_TYPES: Record<string, string[]> = {
  String: ["text", "character varying"],
  Int: ["integer"],
  BigInt: ["bigint"],
  Float: ["double precision"],
  Boolean: ["boolean"],
  DateTime: ["timestamp with time zone", "timestamp without time zone"],
  Json: ["jsonb"],
  Bytes: ["bytea"],
};

let db: TestDatabase;
let prisma: PrismaClient;
let admin: pg.Client;
let models: Record<string, RuntimeModel>;
let columns: Column[];
let fks: ForeignKey[];
let enumLabels: Map<string, string[]>;

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: db.url }) });
  models = (prisma as unknown as { _runtimeDataModel: { models: Record<string, RuntimeModel> } })
    ._runtimeDataModel.models;
  admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  columns = (
    await admin.query<Column>(
      "SELECT table_name, column_name, data_type, udt_name FROM information_schema.columns WHERE table_schema = 'public'",
    )
  ).rows;
  fks = (
    await admin.query<ForeignKey>(`
      SELECT kcu.table_name, kcu.column_name, ccu.table_name AS ref_table, ccu.column_name AS ref_column
      FROM information_schema.table_constraints tc
      JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
      JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
      WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public'`)
  ).rows;
  const labels = await admin.query<{ typname: string; labels: string[] }>(
    "SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS labels FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname",
  );
  enumLabels = new Map(labels.rows.map((r) => [r.typname, r.labels]));
});

afterAll(async () => {
  await admin?.end();
  await prisma?.$disconnect();
  await db?.drop();
});

const tableOf = (model: string) => models[model]!.dbName ?? model;
const columnOf = (f: RuntimeField) => f.dbName ?? f.name;
const scalarFields = (model: string) => models[model]!.fields.filter((f) => f.kind !== "object");

describe("schema.prisma and the migrated database", () => {
  it("has a table with a matching column for every model field", () => {
    const problems: string[] = [];
    for (const model of Object.keys(models)) {
      for (const f of scalarFields(model)) {
        const col = columns.find((c) => c.table_name === tableOf(model) && c.column_name === columnOf(f));
        if (!col) problems.push(`${model}.${f.name}: no column ${tableOf(model)}.${columnOf(f)}`);
        else if (
          col.data_type === "ARRAY"
            ? !listMatches(f, col)
            : f.kind === "enum"
              ? col.udt_name !== f.type
              : !PG_TYPES[f.type]?.includes(col.data_type)
        )
          problems.push(`${model}.${f.name}: ${f.type} vs column type ${col.data_type}/${col.udt_name}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("has no table the schema does not know about", () => {
    const known = new Set(Object.keys(models).map(tableOf));
    const unknown = [...new Set(columns.map((c) => c.table_name))].filter(
      (t) => !known.has(t) && t !== "_prisma_migrations" && !AUTH_LIBRARY_TABLES.includes(t),
    );
    expect(unknown).toEqual([]);
  });

  it("round-trips a row with every field set through Prisma Client for every model", async () => {
    const created = new Map<string, Record<string, unknown>>();
    const order = orderByForeignKeys(Object.keys(models));
    for (const model of order) {
      const data: Record<string, unknown> = {};
      for (const f of scalarFields(model)) {
        const fk = fks.find((k) => k.table_name === tableOf(model) && k.column_name === columnOf(f));
        if (fk) {
          const parentModel = Object.keys(models).find((m) => tableOf(m) === fk.ref_table)!;
          const parentField = scalarFields(parentModel).find((pf) => columnOf(pf) === fk.ref_column)!;
          data[f.name] = created.get(parentModel)![parentField.name];
        } else {
          // The runtime data model does not say which fields are lists; the column does.
          const col = columns.find((c) => c.table_name === tableOf(model) && c.column_name === columnOf(f));
          data[f.name] = col?.data_type === "ARRAY" ? [sampleValue(f, model)] : sampleValue(f, model);
        }
      }
      const delegate = (
        prisma as unknown as Record<string, { create(a: unknown): Promise<Record<string, unknown>> }>
      )[model[0]!.toLowerCase() + model.slice(1)]!;
      const row = await delegate.create({ data });
      for (const f of scalarFields(model)) {
        if (f.name === "updatedAt") continue; // @updatedAt is set by Prisma on write
        expect(row[f.name], `${model}.${f.name}`).toEqual(data[f.name]);
      }
      created.set(model, row);
    }
    expect(created.size).toBe(Object.keys(models).length);
  });
});

/** Sign-in's tables belong to the auth library (better-auth, through its own pg adapter; DDL
 * from the library in migration 20261128010000_auth). Prisma never reads or writes them. */
const AUTH_LIBRARY_TABLES = ["auth_user", "auth_session", "auth_account", "auth_verification"];

/** A list field is a Postgres array of the element type (`text[]` has udt_name `_text`). */
function listMatches(f: RuntimeField, col: Column): boolean {
  if (col.data_type !== "ARRAY") return false;
  if (f.kind === "enum") return col.udt_name === `_${f.type}`;
  const UDT: Record<string, string> = {
    String: "_text",
    Int: "_int4",
    BigInt: "_int8",
    Float: "_float8",
    Boolean: "_bool",
  };
  return col.udt_name === UDT[f.type];
}

function orderByForeignKeys(names: string[]): string[] {
  const out: string[] = [];
  const visit = (m: string, seen: Set<string>) => {
    if (out.includes(m) || seen.has(m)) return;
    seen.add(m);
    for (const fk of fks.filter((k) => k.table_name === tableOf(m))) {
      const parent = names.find((n) => tableOf(n) === fk.ref_table);
      if (parent && parent !== m) visit(parent, seen);
    }
    out.push(m);
  };
  names.forEach((n) => visit(n, new Set()));
  return out;
}

/** Text columns limited by a CHECK constraint in their migration: a value the constraint allows. */
const CHECKED_TEXT: Record<string, string> = {
  "ApprovalRequest.status": "executed",
  "PlaybookStepRun.state": "skipped",
  "ScannerScan.stage": "back-to-passive",
  "ScannerScan.format": "pretty",
  "ScannerScan.status": "nothing_scanned",
  "ScannerTriage.verdict": "accepted_risk",
};

function sampleValue(f: RuntimeField, model: string): unknown {
  const checked = CHECKED_TEXT[`${model}.${f.name}`];
  if (checked) return checked;
  if (f.kind === "enum") {
    const labels = enumLabels.get(f.type) ?? [];
    return labels[labels.length - 1]; // the last label: unlikely to be the column default
  }
  switch (f.type) {
    case "String":
      return `rt-${model}-${f.name}`;
    case "Int":
      return 7;
    case "BigInt":
      return BigInt(7);
    case "Float":
      return 1.5;
    case "Boolean":
      return true;
    case "DateTime":
      return new Date("2026-01-02T03:04:05.678Z");
    case "Json":
      return { round: ["trip", 1, true, null] };
    case "Bytes":
      return new Uint8Array([1, 2, 3]);
    default:
      throw new Error(`no sample value for ${model}.${f.name} (${f.type})`);
  }
}
