// Minimal decoding of Kubernetes protobuf request bodies (`k8s\0` + runtime.Unknown envelope). kubectl sends some
// built-in types (e.g. SelfSubjectAccessReview for `kubectl auth can-i`) only as protobuf; responses stay JSON.
import { decodeJob } from "./protobuf-job";
import { ApiError } from "./status";

export const PROTOBUF_MAGIC = "k8s\0";

type Fields = Map<number, Array<Buffer | number>>;

function readVarint(buf: Buffer, pos: number): [number, number] {
  let result = 0;
  let shift = 0;
  for (;;) {
    if (pos >= buf.length) throw new ApiError(400, "truncated protobuf body");
    const byte = buf[pos++]!;
    result += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return [result, pos];
    shift += 7;
  }
}

export function decodeFields(buf: Buffer): Fields {
  const fields: Fields = new Map();
  let pos = 0;
  while (pos < buf.length) {
    const [tag, p1] = readVarint(buf, pos);
    const field = Math.floor(tag / 8);
    const wire = tag & 7;
    let value: Buffer | number;
    if (wire === 0) [value, pos] = readVarint(buf, p1);
    else if (wire === 2) {
      const [len, p2] = readVarint(buf, p1);
      value = buf.subarray(p2, p2 + len);
      pos = p2 + len;
    } else if (wire === 1) [value, pos] = [buf.readDoubleLE(p1), p1 + 8];
    else if (wire === 5) [value, pos] = [buf.readFloatLE(p1), p1 + 4];
    else throw new ApiError(400, `unsupported protobuf wire type ${wire}`);
    fields.set(field, [...(fields.get(field) ?? []), value]);
  }
  return fields;
}

const str = (f: Fields, n: number) => {
  const v = f.get(n)?.[0];
  return Buffer.isBuffer(v) ? v.toString("utf8") : undefined;
};
const sub = (f: Fields, n: number) => {
  const v = f.get(n)?.[0];
  return Buffer.isBuffer(v) ? decodeFields(v) : undefined;
};

function defined(o: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== "")) as Record<
    string,
    string
  >;
}

/** Decodes a protobuf-encoded SelfSubjectAccessReview into its JSON form. */
export function decodeProtobufBody(raw: Buffer): unknown {
  const unknown = decodeFields(raw.subarray(PROTOBUF_MAGIC.length));
  const typeMeta = sub(unknown, 1);
  const kind = typeMeta ? str(typeMeta, 2) : undefined;
  const apiVersion = typeMeta ? str(typeMeta, 1) : undefined;
  const inner = sub(unknown, 2);
  if (kind === "Job" && inner) return decodeJob(inner, apiVersion);
  if (kind !== "SelfSubjectAccessReview" || !inner) {
    throw new ApiError(
      415,
      `protobuf bodies are only supported for SelfSubjectAccessReview and Job (got ${kind ?? "unknown"}); send application/json`,
      "UnsupportedMediaType",
    );
  }
  const spec = sub(inner, 2);
  const ra = spec ? sub(spec, 1) : undefined;
  const nra = spec ? sub(spec, 2) : undefined;
  return {
    apiVersion,
    kind,
    metadata: {},
    spec: {
      ...(ra
        ? {
            resourceAttributes: defined({
              namespace: str(ra, 1),
              verb: str(ra, 2),
              group: str(ra, 3),
              version: str(ra, 4),
              resource: str(ra, 5),
              subresource: str(ra, 6),
              name: str(ra, 7),
            }),
          }
        : {}),
      ...(nra ? { nonResourceAttributes: defined({ path: str(nra, 1), verb: str(nra, 2) }) } : {}),
    },
  };
}
