/** A metav1.LabelSelector in full: `matchLabels` and `matchExpressions` (pure; no app imports).
 * A Deployment's selector is one of these; a Service's plain map is `{ matchLabels: map }`. */
export type SelectorOperator = "In" | "NotIn" | "Exists" | "DoesNotExist";

export type LabelSelectorRequirement = { key: string; operator: SelectorOperator; values?: string[] };

export type LabelSelector = {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
};

const OPERATORS = new Set<string>(["In", "NotIn", "Exists", "DoesNotExist"]);

/** Copies an API selector, keeping only what the API defines (unknown operators throw). */
export function normalizeSelector(raw: {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] | null }> | null;
}): LabelSelector {
  const out: LabelSelector = {};
  if (raw.matchLabels && Object.keys(raw.matchLabels).length > 0) out.matchLabels = { ...raw.matchLabels };
  const exprs = (raw.matchExpressions ?? []).map((e) => {
    if (!OPERATORS.has(e.operator)) throw new Error(`Unknown label selector operator "${e.operator}".`);
    const op = e.operator as SelectorOperator;
    return op === "In" || op === "NotIn"
      ? { key: e.key, operator: op, values: [...(e.values ?? [])] }
      : { key: e.key, operator: op };
  });
  if (exprs.length > 0) out.matchExpressions = exprs;
  return out;
}

/** True when the selector has no requirement at all: in a NetworkPolicy that selects every pod
 * of the namespace, so Firebreak refuses to apply it. */
export function isEmptySelector(selector: LabelSelector): boolean {
  return (
    Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0
  );
}

/** The `labelSelector` query string the API (and `kubectl -l`) understands. */
export function selectorToQuery(selector: LabelSelector): string {
  const parts = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of selector.matchExpressions ?? []) {
    if (e.operator === "Exists") parts.push(e.key);
    else if (e.operator === "DoesNotExist") parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${e.operator === "In" ? "in" : "notin"} (${(e.values ?? []).join(",")})`);
  }
  return parts.join(",");
}

/** Does a pod with these labels match? (API semantics: an empty selector matches everything.) */
export function matchesSelector(labels: Record<string, string>, selector: LabelSelector): boolean {
  const has = (k: string) => Object.prototype.hasOwnProperty.call(labels, k);
  return (
    Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v) &&
    (selector.matchExpressions ?? []).every((e) => {
      switch (e.operator) {
        case "In":
          return has(e.key) && (e.values ?? []).includes(labels[e.key]!);
        case "NotIn":
          return !has(e.key) || !(e.values ?? []).includes(labels[e.key]!);
        case "Exists":
          return has(e.key);
        case "DoesNotExist":
          return !has(e.key);
      }
    })
  );
}

/** "app=web, tier in (api,edge)" for people. */
export function describeSelector(selector: LabelSelector): string {
  return selectorToQuery(selector).replace(/,(?![^(]*\))/g, ", ") || "(empty: every pod)";
}
