import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { setupAppDatabase } from "@/lib/testing/app-database";
import type { LiveMessage } from "./listener";

const db = setupAppDatabase();
let sql: pg.Client;
let incidentId = 0;

async function newIncident(): Promise<number> {
  const { rows } = await sql.query<{ id: number }>(
    `INSERT INTO incidents (title, severity, service, declared_by) VALUES ('Live', 'SEV2', 'checkout', 'ana')
     RETURNING id`,
  );
  return rows[0]!.id;
}

type Collector = {
  messages: LiveMessage[];
  push(m: LiveMessage): void;
  next(match: (m: LiveMessage) => boolean): Promise<LiveMessage>;
};

/** A subscriber that keeps what it got and lets a test wait (5 s at most) for a message. */
function collect(): Collector {
  const messages: LiveMessage[] = [];
  const waiters: Array<{ match: (m: LiveMessage) => boolean; resolve: (m: LiveMessage) => void }> = [];
  return {
    messages,
    push(m) {
      messages.push(m);
      for (const w of waiters.filter((x) => x.match(m))) w.resolve(m);
    },
    next: (match) =>
      new Promise((resolve, reject) => {
        const found = messages.find(match);
        if (found) return resolve(found);
        waiters.push({ match, resolve });
        setTimeout(() => reject(new Error("no matching live message within 5 s")), 5_000);
      }),
  };
}

beforeAll(async () => {
  sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
  incidentId = await newIncident();
});

afterAll(async () => {
  const { stopLive } = await import("./hub");
  await stopLive();
  await sql?.end();
});

describe("live updates through LISTEN/NOTIFY", () => {
  it("announces a note committed on another connection, with its incident, topic and kind", async () => {
    const { subscribeLive } = await import("./hub");
    const got = collect();
    const unsubscribe = await subscribeLive((m) => got.push(m));
    expect(unsubscribe).not.toBeNull();
    const { rows } = await sql.query<{ id: number }>(
      `INSERT INTO timeline_events (incident_id, kind, actor, body) VALUES ($1, 'note', 'ana', 'hi') RETURNING id`,
      [incidentId],
    );
    const m = await got.next((x) => x.type === "notice" && x.notice.topic === "timeline");
    expect(m).toEqual({
      type: "notice",
      notice: { incidentId, topic: "timeline", rowId: rows[0]!.id, kind: "note" },
    });
    unsubscribe!();
  });

  it("announces nothing for a transaction that rolls back, and a severity change as an incident change", async () => {
    const { subscribeLive } = await import("./hub");
    const got = collect();
    const unsubscribe = await subscribeLive((m) => got.push(m));
    await sql.query("BEGIN");
    await sql.query(
      `INSERT INTO timeline_events (incident_id, kind, actor, body) VALUES ($1, 'note', 'ana', 'x')`,
      [incidentId],
    );
    await sql.query("ROLLBACK");
    await sql.query(`UPDATE incidents SET severity = 'SEV1' WHERE id = $1`, [incidentId]);
    await got.next((x) => x.type === "notice" && x.notice.topic === "incident");
    expect(got.messages.filter((x) => x.type === "notice" && x.notice.topic === "timeline")).toEqual([]);
    unsubscribe!();
  });

  it("reconnects after its connection is killed and tells subscribers to re-read", async () => {
    const { subscribeLive } = await import("./hub");
    const got = collect();
    const unsubscribe = await subscribeLive((m) => got.push(m));
    const killed = await sql.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE application_name = 'firebreak-live' AND datname = current_database()`,
    );
    expect(killed.rowCount).toBe(1);
    await got.next((x) => x.type === "resync");
    // Listening again: a new note arrives.
    await sql.query(
      `INSERT INTO timeline_events (incident_id, kind, actor, body) VALUES ($1, 'note', 'bo', 'back')`,
      [incidentId],
    );
    await got.next((x) => x.type === "notice" && x.notice.kind === "note");
    unsubscribe!();
  });
});

describe("the incident's Server-Sent Events stream", () => {
  it("sends ready, then this incident's changes only, heartbeats, and ends when the viewer leaves", async () => {
    const { incidentLiveStream } = await import("./incident-stream");
    const other = await newIncident();
    const abort = new AbortController();
    const res = await incidentLiveStream(incidentId, { signal: abort.signal, heartbeatMs: 50 });
    expect(res!.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reader = res!.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    const until = async (re: RegExp) => {
      while (!re.test(text)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${re}: ${text}`);
        text += value;
      }
    };
    await until(/event: ready\ndata: \{"incidentId":\d+,"resumed":false\}/);
    await sql.query(
      `INSERT INTO timeline_events (incident_id, kind, actor) VALUES ($1, 'acknowledgement', 'x')`,
      [other],
    );
    const { rows } = await sql.query<{ id: number }>(
      `INSERT INTO timeline_events (incident_id, kind, actor, body) VALUES ($1, 'note', 'ana', 'hi') RETURNING id`,
      [incidentId],
    );
    await until(/event: change/);
    await until(/: heartbeat/);
    expect(text).toContain(
      `id: timeline-${rows[0]!.id}\nevent: change\ndata: {"incidentId":${incidentId},"topic":"timeline","id":${rows[0]!.id},"kind":"note"}`,
    );
    expect(text).not.toContain(`"incidentId":${other}`);
    abort.abort();
    await until(/$^/).catch((e: Error) => expect(e.message).toMatch(/stream ended/));
  });

  it("carries a new timeline event's content, read once for every viewer, and ends a stream whose session may no longer read", async () => {
    const { incidentLiveStream } = await import("./incident-stream");
    const { readTimelineEvent } = await import("@/lib/incidents/timeline-reads");
    let reads = 0;
    let allowed = true;
    const opts = {
      timelineEvent: async (eventId: number) => {
        reads++;
        await new Promise((r) => setTimeout(r, 20));
        return readTimelineEvent(incidentId, eventId);
      },
      stillAllowed: async () => allowed,
    };
    const viewers = await Promise.all([
      incidentLiveStream(incidentId, opts),
      incidentLiveStream(incidentId, opts),
    ]);
    const readers = viewers.map((res) => res!.body!.pipeThrough(new TextDecoderStream()).getReader());
    const texts = ["", ""];
    const until = async (i: number, re: RegExp) => {
      while (!re.test(texts[i]!)) {
        const { value, done } = await readers[i]!.read();
        if (done) return false;
        texts[i] += value;
      }
      return true;
    };
    await Promise.all([until(0, /event: ready/), until(1, /event: ready/)]);
    const { rows } = await sql.query<{ id: number }>(
      `INSERT INTO timeline_events (incident_id, kind, actor, body) VALUES ($1, 'note', 'ana', 'pushed') RETURNING id`,
      [incidentId],
    );
    const content = /event: timeline-event\ndata: (.*)\n\n/;
    await Promise.all([until(0, content), until(1, content)]);
    for (const text of texts) {
      // The change first (what to re-read), then the content.
      const change = JSON.parse(/event: change\ndata: (.*)\n/.exec(text)![1]!);
      expect(change).toEqual({ incidentId, topic: "timeline", id: rows[0]!.id, kind: "note" });
      expect(text.indexOf("event: change")).toBeLessThan(text.indexOf("event: timeline-event"));
      expect(JSON.parse(content.exec(text)![1]!).event).toMatchObject({
        id: rows[0]!.id,
        incidentId,
        actor: "ana",
        body: "pushed",
        pinned: false,
      });
    }
    expect(reads).toBe(1);

    allowed = false;
    await sql.query(
      `INSERT INTO timeline_events (incident_id, kind, actor, body) VALUES ($1, 'note', 'ana', 'not for you')`,
      [incidentId],
    );
    expect(await until(0, /not for you/)).toBe(false);
    expect(texts[0]).not.toContain("not for you");
  });

  it("says it resumed when the browser reconnects with Last-Event-ID", async () => {
    const { incidentLiveStream } = await import("./incident-stream");
    const abort = new AbortController();
    const res = await incidentLiveStream(incidentId, { signal: abort.signal, lastEventId: "timeline-1" });
    const reader = res!.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    while (!text.includes("resumed")) text += (await reader.read()).value ?? "";
    expect(text).toContain(`"resumed":true`);
    abort.abort();
  });
});
