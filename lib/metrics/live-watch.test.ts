import { afterEach, describe, expect, it } from "vitest";

import { startLiveWatch, type LiveWatch } from "./live-watch";

type Svc = { id: number };
let watch: LiveWatch | undefined;
afterEach(() => watch?.stop());

/** A watch ticked by hand (the timer is an hour away) over scripted probe answers. */
function setup(answers: Record<number, boolean[]>, busy = new Set<number>()) {
  const downs: number[] = [];
  watch = startLiveWatch<Svc>({
    intervalMs: 3_600_000,
    targets: async () => Object.keys(answers).map((id) => ({ id: Number(id) })),
    probe: async (s) => {
      const next = answers[s.id]!.shift();
      if (next === undefined) throw new Error("no answer scripted");
      return next;
    },
    isBusy: (s) => busy.has(s.id),
    onDown: async (s) => void downs.push(s.id),
    log: () => {},
  });
  return { downs, tick: () => watch!.tick() };
}

describe("liveness watch between slots", () => {
  it("triggers a poll when a service that answered 200 stops answering 200", async () => {
    const { downs, tick } = setup({ 1: [true, false], 2: [true, true] });
    await tick();
    expect(downs).toEqual([]);
    await tick();
    expect(downs).toEqual([1]);
  });

  it("triggers once per outage, not at every probe while the service stays down", async () => {
    const { downs, tick } = setup({ 1: [false, false, false] });
    for (let i = 0; i < 3; i++) await tick();
    expect(downs).toEqual([1]);
  });

  it("triggers again after the service came back and went down again", async () => {
    const { downs, tick } = setup({ 1: [false, true, false] });
    for (let i = 0; i < 3; i++) await tick();
    expect(downs).toEqual([1, 1]);
  });

  it("counts a probe that throws as down", async () => {
    const { downs, tick } = setup({ 1: [] });
    await tick();
    expect(downs).toEqual([1]);
  });

  it("does not hold up the other services' probes while one service hangs", async () => {
    const downs: number[] = [];
    let hung = 0;
    watch = startLiveWatch<Svc>({
      intervalMs: 3_600_000,
      targets: async () => [{ id: 1 }, { id: 2 }],
      probe: async (s) => {
        if (s.id === 1) {
          hung++;
          return new Promise<boolean>(() => {});
        }
        return false;
      },
      isBusy: () => false,
      onDown: async (s) => void downs.push(s.id),
      log: () => {},
    });
    void watch.tick();
    await new Promise((r) => setTimeout(r, 10));
    void watch.tick();
    await new Promise((r) => setTimeout(r, 10));
    expect(downs).toEqual([2]);
    expect(hung).toBe(1); // the hung probe is not started a second time
  });

  it("leaves a service alone while its slot poll or confirmation is under way", async () => {
    const busy = new Set([1]);
    const { downs, tick } = setup({ 1: [false] }, busy);
    await tick();
    expect(downs).toEqual([]);
    busy.delete(1);
    await tick();
    expect(downs).toEqual([1]);
  });
});
