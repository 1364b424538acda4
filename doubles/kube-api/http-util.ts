// Request bodies (JSON, YAML, protobuf SSAR) and JSON responses.
import type { IncomingMessage, ServerResponse } from "node:http";

import { parse as parseYamlText } from "yaml";

import { decodeProtobufBody, PROTOBUF_MAGIC } from "./protobuf";
import { ApiError } from "./status";

const MAX_BODY = 10 * 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) reject(new ApiError(413, "request entity too large", "RequestEntityTooLarge"));
      else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

export function parseYaml(raw: Buffer): unknown {
  try {
    return parseYamlText(raw.toString("utf8"));
  } catch (e) {
    throw new ApiError(400, `error decoding YAML: ${(e as Error).message}`);
  }
}

export function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  if (raw.subarray(0, 4).toString("latin1") === PROTOBUF_MAGIC) return decodeProtobufBody(raw);
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch (e) {
    throw new ApiError(400, `couldn't get version/kind; json parse error: ${(e as Error).message}`);
  }
}
