// The viewer process of scripts/bench-live.mjs (another process than the writer, as another
// replica is): serves the incident's Server-Sent Events stream exactly as the route handler
// builds it (lib/live/incident-stream.ts) on a local port, and also polls the timeline's live
// feed every 2 s the way the page did before pushes, printing "POLL <eventId> <epochMs>" per
// new event. Prints "PORT <n>" once listening. Env: DATABASE_URL; argv: incident id.
import http from "node:http";
import { Readable } from "node:stream";

import { decodeCursor } from "../lib/incidents/live-cursor.ts";
import { readLiveEvents, readTimelinePage } from "../lib/incidents/timeline-reads.ts";
import { incidentLiveStream } from "../lib/live/incident-stream.ts";

const incidentId = Number(process.argv[2]);
const POLL_MS = 2_000;

const server = http.createServer(async (req, res) => {
  const abort = new AbortController();
  req.on("close", () => abort.abort());
  const stream = await incidentLiveStream(incidentId, { signal: abort.signal });
  if (!stream) return void res.writeHead(503).end();
  res.writeHead(200, Object.fromEntries(stream.headers));
  Readable.fromWeb(stream.body).pipe(res);
});
server.listen(0, "127.0.0.1", () => console.log(`PORT ${server.address().port}`));

let cursor = (await readTimelinePage(incidentId, { limit: 1 })).cursor;
setInterval(async () => {
  const read = await readLiveEvents(incidentId, decodeCursor(cursor));
  const at = Date.now();
  cursor = read.cursor;
  for (const e of read.events) console.log(`POLL ${e.id} ${at}`);
}, POLL_MS);
