import { describe, expect, it } from "vitest";

import { getDb } from "@/lib/db/client";
import { setupAppDatabase } from "@/lib/testing/app-database";
import { addNote, declareIncident } from "./commands";
import { appendTimelineEvent } from "./events";
import { decodeCursor } from "./live-cursor";
import { readLiveEvents, readTimelinePage } from "./timeline-reads";

setupAppDatabase();
const dana = { id: "test|dana", name: "Dana", email: null, roles: ["commander"], via: "oidc" } as never;

/** A transaction that inserts a note now and commits only when `commit()` is called. */
function openNoteTransaction(incidentId: number, body: string) {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let inserted!: (id: number) => void;
  const insertedId = new Promise<number>((r) => (inserted = r));
  const done = getDb().$transaction(
    async (tx) => {
      const { id } = await appendTimelineEvent({ incidentId, kind: "note", actor: "Dana", body }, tx);
      inserted(id);
      await gate;
    },
    { timeout: 20_000 },
  );
  return { insertedId, commit: async () => (release(), await done) };
}

async function live(incidentId: number, cursor: string) {
  const read = await readLiveEvents(incidentId, decodeCursor(cursor)!);
  return { bodies: read.events.map((e) => e.body), cursor: read.cursor };
}

describe("timeline reads", () => {
  it("opens newest first and pages older on demand", async () => {
    const { id } = await declareIncident({ title: "Pages", severity: "SEV2", service: "api" }, dana);
    for (let i = 1; i <= 7; i++) await addNote({ incidentId: id, body: `n${i}` }, dana);
    const first = await readTimelinePage(id, { limit: 3 });
    // 7 notes after the declaration and the declarer's command: pages of 3, 3 and 3.
    expect(first.events.map((e) => e.body)).toEqual(["n7", "n6", "n5"]);
    expect(first.hasOlder).toBe(true);
    const older = await readTimelinePage(id, { limit: 3, before: first.events.at(-1)!.id });
    expect(older.events.map((e) => e.body)).toEqual(["n4", "n3", "n2"]);
    const last = await readTimelinePage(id, { limit: 3, before: older.events.at(-1)!.id });
    // n1, the declarer taking command, the declaration.
    expect(last.events.map((e) => e.kind)).toEqual(["note", "role_change", "status_change"]);
    expect(last.hasOlder).toBe(false);
  });

  it("delivers two events that commit out of id order to a live viewer, both of them", async () => {
    const { id } = await declareIncident({ title: "Late", severity: "SEV1", service: "api" }, dana);
    const viewer = await readTimelinePage(id);
    const early = openNoteTransaction(id, "inserted first, committed last");
    const earlyId = await early.insertedId;
    const lateTx = openNoteTransaction(id, "inserted second, committed first");
    expect(await lateTx.insertedId).toBeGreaterThan(earlyId);
    await lateTx.commit();

    const firstPoll = await live(id, viewer.cursor);
    expect(firstPoll.bodies).toEqual(["inserted second, committed first"]);

    await early.commit();
    const secondPoll = await live(id, firstPoll.cursor);
    expect(secondPoll.bodies).toEqual(["inserted first, committed last"]);
    expect((await live(id, secondPoll.cursor)).bodies).toEqual([]);
  });

  it("hands the first page's viewer an event that was in flight while the page was read", async () => {
    const { id } = await declareIncident({ title: "In flight", severity: "SEV2", service: "api" }, dana);
    const inFlight = openNoteTransaction(id, "in flight");
    await inFlight.insertedId;
    const page = await readTimelinePage(id);
    expect(page.events.map((e) => e.body)).not.toContain("in flight");
    // Not addNote: it locks the incident row, which the open transaction's insert holds a key lock on.
    await appendTimelineEvent({ incidentId: id, kind: "note", actor: "Dana", body: "after the page" });
    await inFlight.commit();
    const poll = await live(id, page.cursor);
    expect(poll.bodies.sort()).toEqual(["after the page", "in flight"]);
  });

  it("filters live reads by kind", async () => {
    const { id } = await declareIncident({ title: "Kinds", severity: "SEV3", service: "api" }, dana);
    const page = await readTimelinePage(id, { kinds: ["action"] });
    await addNote({ incidentId: id, body: "a note" }, dana);
    await appendTimelineEvent({ incidentId: id, kind: "action", actor: "Dana", body: "rollback" });
    const read = await readLiveEvents(id, decodeCursor(page.cursor)!, { kinds: ["action"] });
    expect(read.events.map((e) => e.body)).toEqual(["rollback"]);
  });
});
