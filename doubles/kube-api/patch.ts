// The three patch formats the API server accepts: JSON Patch (RFC 6902), JSON Merge Patch (RFC 7386)
// and Kubernetes strategic merge patch (for the list fields Firebreak and kubectl touch).
import { ApiError } from "./status";
import { clone, deepEqual, isPlainObject } from "./types";

/** "apply" = server-side apply, approximated as a strategic merge of the applied configuration (no field pruning). */
export type PatchType = "json" | "merge" | "strategic" | "apply";

export const PATCH_CONTENT_TYPES: Record<string, PatchType> = {
  "application/json-patch+json": "json",
  "application/merge-patch+json": "merge",
  "application/strategic-merge-patch+json": "strategic",
  "application/apply-patch+yaml": "apply",
};

export interface JsonPatchOp {
  op: string;
  path: string;
  value?: unknown;
  from?: string;
}

/** A patch that is well-formed but cannot be applied (the API server answers 422). */
function unprocessable(message: string): ApiError {
  return new ApiError(422, message, "Invalid");
}

function parsePointer(pointer: string): string[] {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) throw unprocessable(`invalid JSON pointer "${pointer}"`);
  return pointer
    .slice(1)
    .split("/")
    .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
}

type Container = Record<string, unknown> | unknown[];

function resolveParent(doc: unknown, tokens: string[], path: string): { parent: Container; key: string } {
  let node: unknown = doc;
  for (const token of tokens.slice(0, -1)) {
    if (Array.isArray(node)) node = node[arrayIndex(node, token, path, false)];
    else if (isPlainObject(node) && Object.prototype.hasOwnProperty.call(node, token)) node = node[token];
    else throw unprocessable(`doc is missing path: "${path}": missing value`);
  }
  if (!Array.isArray(node) && !isPlainObject(node))
    throw unprocessable(`doc is missing path: "${path}": missing value`);
  return { parent: node, key: tokens[tokens.length - 1]! };
}

function arrayIndex(arr: unknown[], token: string, path: string, forAdd: boolean): number {
  if (forAdd && token === "-") return arr.length;
  if (!/^(0|[1-9][0-9]*)$/.test(token)) throw unprocessable(`invalid array index "${token}" in "${path}"`);
  const i = Number(token);
  if (i > arr.length || (!forAdd && i >= arr.length))
    throw unprocessable(`array index out of bounds: ${path}`);
  return i;
}

function getAt(doc: unknown, path: string): unknown {
  let node = doc;
  for (const token of parsePointer(path)) {
    if (Array.isArray(node)) node = node[arrayIndex(node, token, path, false)];
    else if (isPlainObject(node) && Object.prototype.hasOwnProperty.call(node, token)) node = node[token];
    else throw unprocessable(`doc is missing path: "${path}": missing value`);
  }
  return node;
}

function addAt(doc: unknown, path: string, value: unknown): unknown {
  const tokens = parsePointer(path);
  if (tokens.length === 0) return clone(value);
  const { parent, key } = resolveParent(doc, tokens, path);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, path, true), 0, clone(value));
  else parent[key] = clone(value);
  return doc;
}

function removeAt(doc: unknown, path: string, op: string): unknown {
  const tokens = parsePointer(path);
  if (tokens.length === 0) throw unprocessable(`${op} operation cannot apply to the document root`);
  const { parent, key } = resolveParent(doc, tokens, path);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, path, false), 1);
  else if (Object.prototype.hasOwnProperty.call(parent, key)) delete parent[key];
  else throw unprocessable(`${op} operation does not apply: doc is missing key: ${path}: missing value`);
  return doc;
}

/** RFC 6902. Returns a new document; never mutates the input. */
export function applyJsonPatch(document: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops))
    throw new ApiError(400, "json: cannot unmarshal object into Go value of type jsonpatch.Patch");
  let doc = clone(document);
  for (const raw of ops) {
    if (!isPlainObject(raw) || typeof raw.op !== "string" || typeof raw.path !== "string") {
      throw new ApiError(400, 'the JSON patch operations must each have string "op" and "path" fields');
    }
    const op = raw as unknown as JsonPatchOp;
    switch (op.op) {
      case "add":
        if (!("value" in raw)) throw unprocessable(`add operation requires a value: ${op.path}`);
        doc = addAt(doc, op.path, op.value);
        break;
      case "remove":
        doc = removeAt(doc, op.path, "remove");
        break;
      case "replace":
        if (!("value" in raw)) throw unprocessable(`replace operation requires a value: ${op.path}`);
        if (op.path === "") doc = clone(op.value);
        else {
          getAt(doc, op.path); // must exist
          doc = removeAt(doc, op.path, "replace");
          doc = addAt(doc, op.path, op.value);
        }
        break;
      case "move": {
        if (typeof op.from !== "string") throw unprocessable('move operation requires "from"');
        const value = getAt(doc, op.from);
        doc = removeAt(doc, op.from, "move");
        doc = addAt(doc, op.path, value);
        break;
      }
      case "copy": {
        if (typeof op.from !== "string") throw unprocessable('copy operation requires "from"');
        doc = addAt(doc, op.path, getAt(doc, op.from));
        break;
      }
      case "test": {
        let actual: unknown;
        try {
          actual = getAt(doc, op.path);
        } catch {
          throw unprocessable(`testing value ${op.path} failed: missing value`);
        }
        if (!deepEqual(actual, op.value)) throw unprocessable(`testing value ${op.path} failed: test failed`);
        break;
      }
      default:
        throw unprocessable(`Unexpected kind: ${op.op}`);
    }
  }
  return doc;
}

/** RFC 7386. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return clone(patch);
  const result: Record<string, unknown> = isPlainObject(target) ? clone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}

// Strategic merge: list fields merged by key, as declared by the Go types' patchMergeKey tags.
const MERGE_KEYS: Record<string, string | ((items: unknown[]) => string)> = {
  containers: "name",
  initContainers: "name",
  ephemeralContainers: "name",
  env: "name",
  volumes: "name",
  volumeMounts: "mountPath",
  volumeDevices: "devicePath",
  imagePullSecrets: "name",
  conditions: "type",
  ownerReferences: "uid",
  hostAliases: "ip",
  topologySpreadConstraints: "topologyKey",
  // Container ports merge by containerPort, Service ports by port.
  ports: (items) => (items.some((i) => isPlainObject(i) && "containerPort" in i) ? "containerPort" : "port"),
};
/** Lists of scalars with patchStrategy "merge" (union). */
const MERGED_SCALAR_LISTS = new Set(["finalizers"]);

function mergeList(field: string, original: unknown[], patch: unknown[]): unknown[] {
  const keySpec = MERGE_KEYS[field];
  if (!keySpec) {
    if (MERGED_SCALAR_LISTS.has(field))
      return [...original, ...patch.filter((p) => !original.some((o) => deepEqual(o, p)))];
    return clone(patch.filter((p) => !(isPlainObject(p) && "$patch" in p)));
  }
  const mergeKey = typeof keySpec === "string" ? keySpec : keySpec([...original, ...patch]);
  const result = clone(original);
  for (const item of patch) {
    if (!isPlainObject(item)) continue;
    const directive = item.$patch;
    const index = result.findIndex((o) => isPlainObject(o) && o[mergeKey] === item[mergeKey]);
    if (directive === "delete") {
      if (index >= 0) result.splice(index, 1);
    } else if (index >= 0) {
      result[index] = applyStrategicMergePatch(result[index], item);
    } else {
      result.push(applyStrategicMergePatch({}, item));
    }
  }
  return result;
}

/** Kubernetes strategic merge patch (subset: merge keys above, null deletes, $patch replace/delete, $retainKeys,
 *  $setElementOrder ignored, $deleteFromPrimitiveList). */
export function applyStrategicMergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return clone(patch);
  if (patch.$patch === "replace") {
    const { $patch: _ignored, ...rest } = patch;
    void _ignored;
    return clone(rest);
  }
  const result: Record<string, unknown> = isPlainObject(target) ? clone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key === "$patch" || key.startsWith("$setElementOrder/") || key === "$retainKeys") continue;
    if (key.startsWith("$deleteFromPrimitiveList/")) {
      const field = key.slice("$deleteFromPrimitiveList/".length);
      const current = result[field];
      if (Array.isArray(current) && Array.isArray(value))
        result[field] = current.filter((v) => !value.some((d) => deepEqual(d, v)));
      continue;
    }
    if (value === null) delete result[key];
    else if (Array.isArray(value) && Array.isArray(result[key]))
      result[key] = mergeList(key, result[key] as unknown[], value);
    else if (Array.isArray(value)) result[key] = mergeList(key, [], value);
    else if (isPlainObject(value) && value.$patch === "delete") delete result[key];
    else if (isPlainObject(value)) result[key] = applyStrategicMergePatch(result[key], value);
    else result[key] = value;
  }
  if (Array.isArray(patch.$retainKeys)) {
    const keep = new Set(patch.$retainKeys as string[]);
    for (const key of Object.keys(result)) if (!keep.has(key)) delete result[key];
  }
  return result;
}

export function applyPatch(type: PatchType, target: unknown, patch: unknown): unknown {
  if (type === "json") return applyJsonPatch(target, patch);
  if (!isPlainObject(patch))
    throw new ApiError(400, "json: cannot unmarshal array into Go value of type map[string]interface {}");
  return type === "merge" ? applyMergePatch(target, patch) : applyStrategicMergePatch(target, patch);
}
