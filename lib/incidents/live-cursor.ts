/**
 * The live timeline's cursor, in commit order rather than id order.
 *
 * An event's id is taken when it is inserted, but it becomes visible when its transaction
 * commits; a transaction that inserted id 10 can commit after one that inserted id 11. A cursor
 * of "id > last seen" then skips id 10 for good. Instead each event carries its transaction id
 * (`tx_id`, xid8) and every read runs in one database snapshot:
 *
 * - `tx`/`id` — every event ordered at or before (tx, id) that will ever commit has been delivered,
 *   except those of the transactions in `pending`;
 * - `pending` — transactions that were still in progress in the last snapshot and ordered before
 *   `tx`; their events are read by transaction id on the next poll, whenever they commit.
 *
 * A read returns the visible events after (tx, id) plus those of `pending`; the next cursor is
 * the last event delivered and the snapshot's in-progress transactions before it. Nothing that
 * commits late is skipped; an event may arrive twice and viewers merge by id.
 */
export type LiveCursor = { tx: bigint; id: number; pending: bigint[] };

/** The most in-progress transactions a cursor carries (Postgres' max_connections is far below). */
export const MAX_PENDING = 500;

const CURSOR_RE = /^(\d{1,20})\.(\d{1,10})(?:\.(\d{1,20}(?:-\d{1,20}){0,499}))?$/;

export function encodeCursor(c: LiveCursor): string {
  const base = `${c.tx}.${c.id}`;
  return c.pending.length ? `${base}.${c.pending.join("-")}` : base;
}

/** Null for anything that is not a cursor this module wrote. */
export function decodeCursor(text: string): LiveCursor | null {
  const m = CURSOR_RE.exec(text);
  if (!m) return null;
  const id = Number(m[2]);
  if (!Number.isSafeInteger(id) || id > 2_147_483_647) return null;
  return { tx: BigInt(m[1]!), id, pending: m[3] ? m[3].split("-").map((x) => BigInt(x)) : [] };
}

/** The cursor of a first read (the page the viewer opens with): everything visible in the
 * snapshot is on the page or reachable by paging; the rest commits later. */
export function cursorAfterSnapshot(snapshot: { xmax: bigint; inProgress: bigint[] }): LiveCursor {
  return { tx: snapshot.xmax, id: 0, pending: uniqueSorted(snapshot.inProgress) };
}

/** The cursor after a live read that delivered `delivered` (ordered by tx, id) past `previous`. */
export function nextCursor(
  previous: LiveCursor,
  delivered: ReadonlyArray<{ tx: bigint; id: number }>,
  snapshot: { inProgress: bigint[] },
): LiveCursor {
  const last = delivered.at(-1);
  const key = last && compareKey(last, previous) > 0 ? { tx: last.tx, id: last.id } : previous;
  return { ...key, pending: uniqueSorted(snapshot.inProgress.filter((x) => x < key.tx)) };
}

function compareKey(a: { tx: bigint; id: number }, b: { tx: bigint; id: number }): number {
  if (a.tx !== b.tx) return a.tx < b.tx ? -1 : 1;
  return a.id - b.id;
}

function uniqueSorted(xs: bigint[]): bigint[] {
  return [...new Set(xs)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).slice(0, MAX_PENDING);
}
