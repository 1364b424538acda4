/**
 * ApiHunter's HTTP client (src/http_client.rs, contract 1.7): attempts = retries + 1; a retry
 * follows a transport error (connect, timeout, body read) or a status in {429, 500, 502, 503,
 * 504}; the last attempt's retryable status is returned as is. Backoff before retry n is
 * 200 ms × 2^min(n, 6). Every attempt counts one http_request, every retry one http_retry.
 * Requests to one host start at least --delay-ms apart.
 */
export type Response = { status: number; headers: Headers; body: string };
export type Counters = { requests: number; retries: number };

const RETRYABLE = new Set([429, 500, 502, 503, 504]);

export class TransportError extends Error {
  constructor(readonly url: string) {
    super(`error sending request for url (${url})`);
  }
}

export class HttpClient {
  readonly counters: Counters = { requests: 0, retries: 0 };
  private nextSlot = new Map<string, Promise<number>>();

  constructor(
    private readonly opts: {
      retries: number;
      timeoutMs: number;
      delayMs: number;
      headers: Record<string, string>;
      backoffBaseMs?: number;
    },
  ) {}

  /** Waits for this host's next slot: request starts to one host are at least delayMs apart,
   * measured from the previous request's actual start. */
  async pace(url: string): Promise<void> {
    if (this.opts.delayMs <= 0) return;
    const host = new URL(url).host;
    const prev = this.nextSlot.get(host) ?? Promise.resolve(0);
    const mine = prev.then(async (lastStart) => {
      const wait = lastStart + this.opts.delayMs - Date.now();
      if (wait > 0) await sleep(wait);
      return Date.now();
    });
    this.nextSlot.set(host, mine);
    await mine;
  }

  /** One request with retries; throws TransportError when every attempt failed in transport. */
  async request(
    url: string,
    init: { method?: string; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const attempts = this.opts.retries + 1;
    for (let n = 0; ; n++) {
      if (n > 0) {
        this.counters.retries += 1;
        await sleep((this.opts.backoffBaseMs ?? 200) * 2 ** Math.min(n, 6));
      }
      const last = n === attempts - 1;
      try {
        const res = await this.once(url, init);
        if (!RETRYABLE.has(res.status) || last) return res;
      } catch {
        if (last) throw new TransportError(url);
      }
    }
  }

  /** One attempt, counted, never retried (burst probes use this directly). */
  async once(
    url: string,
    init: { method?: string; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    await this.pace(url);
    this.counters.requests += 1;
    const res = await fetch(url, {
      method: init.method ?? "GET",
      headers: { ...this.opts.headers, ...init.headers },
      redirect: "manual",
      signal: AbortSignal.timeout(this.opts.timeoutMs),
    });
    const body = await res.text();
    return { status: res.status, headers: res.headers, body };
  }
}

/** The accessibility pre-filter's GET (contract 1.1): its own client, not counted, paced per host;
 * unreachable only on a connect error or timeout (any HTTP status is reachable). */
export async function reachable(
  url: string,
  timeoutMs: number,
  pace: (u: string) => Promise<void>,
): Promise<boolean> {
  await pace(url);
  try {
    const res = await fetch(url, { redirect: "follow", signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer().catch(() => undefined);
    return true;
  } catch {
    return false;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
