// The embedded default database: PGlite (Postgres compiled to WASM) behind a small Postgres
// wire-protocol server, so the app talks the ordinary protocol through @prisma/adapter-pg — the
// same code path as a real server. Used only when DATABASE_URL is unset.
//
// PGlite is ONE backend shared by every connection. A Postgres backend keeps protocol state
// between messages: the unnamed prepared statement and portal of the extended query protocol
// (Parse → Bind → Describe → Execute → Sync) and an open transaction. Forwarding each message
// on its own, as a per-message queue does, lets connection B's Parse replace connection A's
// statement between A's Parse and A's Bind ("bind message supplies 1 parameters, but prepared
// statement "" requires 4", "portal "" does not exist"). So a connection owns the backend from
// its first message until the unit of work ends — a Sync or a simple Query, with no transaction
// left open — and every other connection waits for its turn.
import { mkdirSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";

// Above the app's pool (lib/db/client.ts uses 10) plus the migration runner and a psql.
const MAX_CONNECTIONS = 32;
const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;
const GSSENC_REQUEST = 80877104;

/** A FIFO lock on the backend, held by one connection at a time. */
class BackendLock {
  owner = null;
  waiters = [];
  acquire(id) {
    if (this.owner === null || this.owner === id) {
      this.owner = id;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push({ id, resolve }));
  }
  release(id) {
    if (this.owner !== id) return;
    const next = this.waiters.shift();
    this.owner = next ? next.id : null;
    next?.resolve();
  }
  forget(id) {
    this.waiters = this.waiters.filter((w) => w.id !== id);
  }
}

/** Splits the next whole message off `buf`: the untyped startup packet first, typed ones after. */
function nextMessage(buf, started) {
  if (!started) {
    if (buf.length < 4) return null;
    const len = buf.readInt32BE(0);
    return buf.length < len ? null : { type: null, bytes: buf.subarray(0, len) };
  }
  if (buf.length < 5) return null;
  const len = 1 + buf.readInt32BE(1);
  return buf.length < len ? null : { type: String.fromCharCode(buf[0]), bytes: buf.subarray(0, len) };
}

export function createProtocolServer(db, { maxConnections = MAX_CONNECTIONS } = {}) {
  const lock = new BackendLock();
  let nextId = 1;
  const sockets = new Set();

  const server = createServer((socket) => {
    if (sockets.size >= maxConnections) {
      socket.end("Too many connections\n");
      return;
    }
    const id = nextId++;
    sockets.add(socket);
    socket.setNoDelay(true);
    let buffer = Buffer.alloc(0);
    let started = false;
    let closed = false;
    let chain = Promise.resolve();

    const run = async (message) => {
      await lock.acquire(id);
      if (closed) return;
      try {
        await db.execProtocolRawStream(new Uint8Array(message.bytes), {
          onRawData: (data) => {
            if (!closed && socket.writable) socket.write(Buffer.from(data));
          },
        });
      } finally {
        const unitDone = message.type === null || message.type === "S" || message.type === "Q";
        if (unitDone && !db.isInTransaction()) lock.release(id);
      }
    };

    const drain = () => {
      for (;;) {
        if (!started && buffer.length >= 8) {
          const code = buffer.readInt32BE(4);
          if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
            buffer = buffer.subarray(8);
            socket.write("N"); // no TLS on a loopback dev database
            continue;
          }
          if (code === CANCEL_REQUEST) {
            buffer = buffer.subarray(16);
            continue;
          }
        }
        const message = nextMessage(buffer, started);
        if (!message) return;
        buffer = buffer.subarray(message.bytes.length);
        started = true;
        if (message.type === "X") {
          socket.end();
          return;
        }
        chain = chain.then(() => run(message)).catch((err) => socket.destroy(err));
      }
    };

    socket.on("data", (data) => {
      buffer = Buffer.concat([buffer, data]);
      drain();
    });
    socket.on("error", () => {});
    socket.on("close", () => {
      closed = true;
      sockets.delete(socket);
      lock.forget(id);
      // Let queued work finish (each step sees `closed`), then give the backend back clean.
      chain.finally(async () => {
        if (lock.owner !== id) return;
        if (db.isInTransaction()) await db.exec("ROLLBACK").catch(() => {});
        lock.release(id);
      });
    });
  });

  return {
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => resolve(server.address().port));
      });
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export async function startEmbeddedPostgres({ dataDir, port = 54329, host = "127.0.0.1" }) {
  const memory = dataDir === "memory://";
  const dir = memory ? dataDir : path.resolve(dataDir);
  if (!memory) mkdirSync(dir, { recursive: true });
  const db = await PGlite.create(dir);
  const server = createProtocolServer(db);
  const boundPort = await server.listen(port, host);
  return {
    url: `postgresql://postgres@${host}:${boundPort}/postgres?sslmode=disable`,
    dir,
    async stop() {
      await server.close();
      await db.close();
    },
  };
}
