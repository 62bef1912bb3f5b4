import { describe, expect, it } from 'vitest';
import { RevisionSlot } from './programme-totals.cache';

/** A computation that resolves when told to, counting how many were started. */
function computations() {
  const started: { resolve: (v: string) => void; reject: (e: Error) => void }[] = [];
  const compute = () =>
    new Promise<string>((resolve, reject) => {
      started.push({ resolve, reject });
    });
  return { started, compute };
}

describe('RevisionSlot', () => {
  it('serves the value computed under the same revision and key, and computes again when either moves on', async () => {
    const slot = new RevisionSlot<string>();
    let n = 0;
    const compute = async () => `v${++n}`;
    expect(await slot.get(1, '2026-12-02', compute)).toBe('v1');
    expect(await slot.get(1, '2026-12-02', compute)).toBe('v1');
    // A write was notified: the revision moved on.
    expect(await slot.get(2, '2026-12-02', compute)).toBe('v2');
    expect(await slot.get(2, '2026-12-02', compute)).toBe('v2');
    // Midnight: the totals of another day.
    expect(await slot.get(2, '2026-12-03', compute)).toBe('v3');
    expect(n).toBe(3);
  });

  it('shares one computation between concurrent callers of the same revision', async () => {
    const slot = new RevisionSlot<string>();
    const { started, compute } = computations();
    const a = slot.get(5, 'd', compute);
    const b = slot.get(5, 'd', compute);
    expect(started).toHaveLength(1);
    started[0].resolve('shared');
    expect(await Promise.all([a, b])).toEqual(['shared', 'shared']);
  });

  it('never serves a computation that overlapped a write to a caller who synced after the write', async () => {
    const slot = new RevisionSlot<string>();
    const { started, compute } = computations();
    // Started under revision 1; a write (revision 2) commits while it runs; it ends with pre-write figures.
    const before = slot.get(1, 'd', compute);
    const after = slot.get(2, 'd', compute);
    expect(started).toHaveLength(2);
    started[0].resolve('before the write');
    started[1].resolve('after the write');
    expect(await before).toBe('before the write');
    expect(await after).toBe('after the write');
    expect(await slot.get(2, 'd', compute)).toBe('after the write');
    expect(started).toHaveLength(2);
  });

  it('does not let a caller holding an older revision replace a newer entry', async () => {
    const slot = new RevisionSlot<string>();
    let n = 0;
    const compute = async () => `v${++n}`;
    expect(await slot.get(3, 'd', compute)).toBe('v1');
    // A slow caller that captured revision 2 before the entry of revision 3 was stored.
    expect(await slot.get(2, 'd', compute)).toBe('v2');
    expect(await slot.get(3, 'd', compute)).toBe('v1');
    expect(n).toBe(2);
  });

  it('forgets a failed computation, so the next caller computes again', async () => {
    const slot = new RevisionSlot<string>();
    const { started, compute } = computations();
    const failed = slot.get(1, 'd', compute);
    started[0].reject(new Error('connection lost'));
    await expect(failed).rejects.toThrow('connection lost');
    const again = slot.get(1, 'd', compute);
    expect(started).toHaveLength(2);
    started[1].resolve('fresh');
    expect(await again).toBe('fresh');
  });
});
