/**
 * A small, safe expression language for playbook conditions (the subset of Argo Rollouts'
 * `successCondition`/`failureCondition` and Orquesta's `when` that the runbooks need):
 * numbers, 'strings', true/false/null, names with `.field` and `[index]` access
 * (`result`, `result.status`, `result[0]`), `len(x)`, comparisons `> >= < <= == !=`,
 * `&&`/`and`, `||`/`or`, `!`/`not`, parentheses. Parsed to a tree and interpreted here;
 * no `eval`, no `Function`, no property access outside plain data.
 */

export type Expr =
  | { t: "lit"; v: unknown }
  | { t: "name"; path: Array<string | number> }
  | { t: "len"; arg: Expr }
  | { t: "not"; arg: Expr }
  | { t: "bin"; op: BinOp; l: Expr; r: Expr };
export type CompareOp = ">" | ">=" | "<" | "<=" | "==" | "!=";
type BinOp = CompareOp | "&&" | "||";

const TOKEN =
  /\s*(?:(\d+(?:\.\d+)?)|'([^']*)'|"([^"]*)"|(>=|<=|==|!=|&&|\|\||[><!()[\].,])|([A-Za-z_][A-Za-z0-9_-]*))/y;

type Token = { kind: "num" | "str" | "op" | "id"; v: string };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  let i = 0;
  while (i < src.length) {
    if (/^\s*$/.test(src.slice(i))) break;
    TOKEN.lastIndex = i;
    const m = TOKEN.exec(src);
    if (!m) throw new Error(`unexpected character at ${i}: "${src.slice(i, i + 10)}"`);
    if (m[1] !== undefined) out.push({ kind: "num", v: m[1] });
    else if (m[2] !== undefined || m[3] !== undefined) out.push({ kind: "str", v: m[2] ?? m[3] ?? "" });
    else if (m[4] !== undefined) out.push({ kind: "op", v: m[4] });
    else out.push({ kind: "id", v: m[5] ?? "" });
    i = TOKEN.lastIndex;
  }
  return out;
}

const WORD_OPS: Record<string, string> = { and: "&&", or: "||", not: "!" };

/** Parses an expression; throws with a readable message on a syntax error. */
export function parseExpr(src: string): Expr {
  const toks = tokenize(src).map((t) =>
    t.kind === "id" && WORD_OPS[t.v] ? { kind: "op" as const, v: WORD_OPS[t.v]! } : t,
  );
  let pos = 0;
  const peek = () => toks[pos];
  const take = (v?: string) => {
    const t = toks[pos];
    if (!t || (v !== undefined && t.v !== v))
      throw new Error(`expected ${v ?? "a value"} at token ${pos + 1}`);
    pos++;
    return t;
  };
  const isOp = (...vs: string[]) => peek()?.kind === "op" && vs.includes(peek()!.v);

  function or(): Expr {
    let l = and();
    while (isOp("||")) l = { t: "bin", op: take().v as BinOp, l, r: and() };
    return l;
  }
  function and(): Expr {
    let l = cmp();
    while (isOp("&&")) l = { t: "bin", op: take().v as BinOp, l, r: cmp() };
    return l;
  }
  function cmp(): Expr {
    const l = unary();
    if (isOp(">", ">=", "<", "<=", "==", "!=")) return { t: "bin", op: take().v as BinOp, l, r: unary() };
    return l;
  }
  function unary(): Expr {
    if (isOp("!")) return take() && { t: "not", arg: unary() };
    return primary();
  }
  function primary(): Expr {
    const t = take();
    if (t.kind === "num") return { t: "lit", v: Number(t.v) };
    if (t.kind === "str") return { t: "lit", v: t.v };
    if (t.kind === "op" && t.v === "(") {
      const e = or();
      take(")");
      return e;
    }
    if (t.kind !== "id") throw new Error(`unexpected "${t.v}"`);
    if (t.v === "true" || t.v === "false") return { t: "lit", v: t.v === "true" };
    if (t.v === "null") return { t: "lit", v: null };
    if (t.v === "len" && isOp("(")) {
      take("(");
      const arg = or();
      take(")");
      return { t: "len", arg };
    }
    const path: Array<string | number> = [t.v];
    while (isOp(".", "[")) {
      if (take().v === ".") path.push(take().v);
      else {
        const idx = take();
        path.push(idx.kind === "num" ? Number(idx.v) : idx.v);
        take("]");
      }
    }
    return { t: "name", path };
  }

  const e = or();
  if (pos < toks.length) throw new Error(`unexpected "${toks[pos]!.v}" at token ${pos + 1}`);
  return e;
}

function lookup(scope: Record<string, unknown>, path: Array<string | number>): unknown {
  let cur: unknown = scope;
  for (const key of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    if (!Object.prototype.hasOwnProperty.call(cur, key)) return undefined;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur;
}

function compare(op: CompareOp, a: unknown, b: unknown): boolean {
  if (op === "==") return a === b;
  if (op === "!=") return a !== b;
  if (typeof a !== "number" || typeof b !== "number" || Number.isNaN(a) || Number.isNaN(b))
    throw new Error(`cannot compare ${JSON.stringify(a)} ${op} ${JSON.stringify(b)}: not numbers`);
  return op === ">" ? a > b : op === ">=" ? a >= b : op === "<" ? a < b : a <= b;
}

export function evaluate(e: Expr, scope: Record<string, unknown>): unknown {
  switch (e.t) {
    case "lit":
      return e.v;
    case "name":
      return lookup(scope, e.path);
    case "len": {
      const v = evaluate(e.arg, scope);
      if (Array.isArray(v) || typeof v === "string") return v.length;
      if (v && typeof v === "object") return Object.keys(v).length;
      throw new Error("len() needs a list, a string or an object");
    }
    case "not":
      return !truthy(evaluate(e.arg, scope));
    case "bin":
      if (e.op === "&&") return truthy(evaluate(e.l, scope)) && truthy(evaluate(e.r, scope));
      if (e.op === "||") return truthy(evaluate(e.l, scope)) || truthy(evaluate(e.r, scope));
      return compare(e.op, evaluate(e.l, scope), evaluate(e.r, scope));
  }
}

function truthy(v: unknown): boolean {
  return v !== false && v !== null && v !== undefined && v !== 0 && v !== "";
}

/** Evaluates a condition to a boolean; throws on a syntax or type error. */
export function test(src: string, scope: Record<string, unknown>): boolean {
  return truthy(evaluate(parseExpr(src), scope));
}

/** For a simple comparison `<name> OP <number>`, the threshold and operator (to print
 * "p95 60 ms > 50 ms"); null for anything else. */
export function simpleComparison(src: string): { op: CompareOp; threshold: number | string } | null {
  try {
    const e = parseExpr(src);
    if (e.t !== "bin" || ["&&", "||"].includes(e.op)) return null;
    if (e.l.t === "name" && e.r.t === "lit" && (typeof e.r.v === "number" || typeof e.r.v === "string"))
      return { op: e.op as CompareOp, threshold: e.r.v };
    return null;
  } catch {
    return null;
  }
}
