import { expect, type APIRequestContext } from "@playwright/test";

// The e2e doubles (doubles/*/stack.json "e2e"): the Kubernetes API and the optimizer.
export const KUBE = "http://127.0.0.1:18180";
export const OPTIMIZER = "http://127.0.0.1:18190";

/** The Kubernetes double back to its seeded objects, with an empty request log. */
export async function resetKube(request: APIRequestContext): Promise<void> {
  expect((await request.post(`${KUBE}/__double/reset`)).ok()).toBe(true);
}

/** The optimizer double's scenario: healthy, latency_spike, cache_thrash, outage, recovering. */
export async function setScenario(request: APIRequestContext, name: string): Promise<void> {
  expect((await request.post(`${OPTIMIZER}/__double/scenario`, { data: { name } })).ok()).toBe(true);
}
