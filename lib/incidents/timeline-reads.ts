import "server-only";

import { getDb } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { guardDb } from "@/lib/errors";
import type { TimelineEventKind } from "./event-kinds";
import { cursorAfterSnapshot, encodeCursor, nextCursor, type LiveCursor } from "./live-cursor";
import { toEventDto } from "./mappers";
import type { TimelineEventDto } from "./types";

/** Timeline reads that scale: newest-first pages by id for the page and "Load older", and the
 * live feed by commit order (live-cursor.ts). Each read runs in one REPEATABLE READ snapshot so a
 * page and the cursor it hands out describe the same moment. */
export const TIMELINE_PAGE_SIZE = 100;
export const LIVE_BATCH = 500;

export type TimelineFilter = { kinds?: readonly TimelineEventKind[]; pinnedOnly?: boolean };
export type TimelinePage = { events: TimelineEventDto[]; hasOlder: boolean; cursor: string };
export type LiveRead = { events: TimelineEventDto[]; cursor: string; more: boolean };

type Tx = Prisma.TransactionClient;
type Row = Parameters<typeof toEventDto>[0] & { tx: string };

const COLUMNS = Prisma.sql`id, incident_id AS "incidentId", kind::text AS kind, actor,
  occurred_at AS "occurredAt", body, data, pinned, pinned_by AS "pinnedBy",
  pinned_at AS "pinnedAt", tx_id::text AS tx`;

/** The kind filter compares the enum column itself (not its text), so the (incident_id, kind)
 * index finds a rare kind among 100,000 events instead of a scan of the whole incident. */
function filterSql(f: TimelineFilter): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (f.kinds?.length) parts.push(Prisma.sql`AND kind = ANY(${[...f.kinds]}::text[]::"TimelineEventKind"[])`);
  if (f.pinnedOnly) parts.push(Prisma.sql`AND pinned`);
  return parts.length ? Prisma.join(parts, " ") : Prisma.empty;
}

function readOnlySnapshot<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return guardDb(() =>
    getDb().$transaction(fn, { isolationLevel: "RepeatableRead", maxWait: 5_000, timeout: 10_000 }),
  );
}

async function snapshotOf(tx: Tx): Promise<{ xmax: bigint; inProgress: bigint[] }> {
  const [row] = await tx.$queryRaw<{ xmax: string; xip: string[] }[]>`
    SELECT pg_snapshot_xmax(s)::text AS xmax, ARRAY(SELECT x::text FROM pg_snapshot_xip(s) x) AS xip
    FROM pg_current_snapshot() s`;
  return { xmax: BigInt(row!.xmax), inProgress: row!.xip.map((x) => BigInt(x)) };
}

/** Newest first: the newest `limit` events, or those older than event `before` ("Load older").
 * The first page (no `before`) also carries the live cursor for what commits after it. */
export async function readTimelinePage(
  incidentId: number,
  opts: TimelineFilter & { before?: number; limit?: number } = {},
): Promise<TimelinePage> {
  const limit = opts.limit ?? TIMELINE_PAGE_SIZE;
  return readOnlySnapshot(async (tx) => {
    const snapshot = await snapshotOf(tx);
    const rows = await tx.$queryRaw<Row[]>`
      SELECT ${COLUMNS} FROM timeline_events
      WHERE incident_id = ${incidentId} ${opts.before ? Prisma.sql`AND id < ${opts.before}` : Prisma.empty}
      ${filterSql(opts)}
      ORDER BY id DESC LIMIT ${limit + 1}`;
    return {
      events: rows.slice(0, limit).map(toEventDto),
      hasOlder: rows.length > limit,
      cursor: encodeCursor(cursorAfterSnapshot(snapshot)),
    };
  });
}

/** One stored event of the incident (null if there is none by that id): what the live stream
 * pushes to viewers when it commits. */
export async function readTimelineEvent(incidentId: number, id: number): Promise<TimelineEventDto | null> {
  const rows = await guardDb(
    () => getDb().$queryRaw<Row[]>`
      SELECT ${COLUMNS} FROM timeline_events WHERE incident_id = ${incidentId} AND id = ${id}`,
  );
  return rows[0] ? toEventDto(rows[0]) : null;
}

/** What committed since `cursor`, in commit order (at most LIVE_BATCH plus late committers);
 * `more` says another read would return more right away. */
export async function readLiveEvents(
  incidentId: number,
  cursor: LiveCursor,
  filter: TimelineFilter = {},
): Promise<LiveRead> {
  return readOnlySnapshot(async (tx) => {
    const snapshot = await snapshotOf(tx);
    const after = await tx.$queryRaw<Row[]>`
      SELECT ${COLUMNS} FROM timeline_events
      WHERE incident_id = ${incidentId}
        AND (tx_id, id) > (${cursor.tx.toString()}::xid8, ${cursor.id})
        ${filterSql(filter)}
      ORDER BY tx_id, id LIMIT ${LIVE_BATCH}`;
    const late = cursor.pending.length
      ? await tx.$queryRaw<Row[]>`
          SELECT ${COLUMNS} FROM timeline_events
          WHERE incident_id = ${incidentId}
            AND tx_id = ANY(${cursor.pending.map(String)}::text[]::xid8[])
            ${filterSql(filter)}
          ORDER BY id`
      : [];
    const next = nextCursor(
      cursor,
      after.map((r) => ({ tx: BigInt(r.tx), id: r.id })),
      snapshot,
    );
    return {
      events: [...late, ...after].map(toEventDto),
      cursor: encodeCursor(next),
      more: after.length === LIVE_BATCH,
    };
  });
}
