/**
 * Views waiting to be written: counted in memory on each request and added to the database
 * in batches (`view_count = view_count + n`), so a popular page costs no write per view.
 * `take()` swaps the whole map out in one step, so an increment lands in exactly one batch;
 * a batch that fails to write is put back and retried. Each entry also splits its count by
 * UTC day, for the owner's views-per-day chart (a batch can straddle midnight).
 */
export interface PendingViews {
  count: number;
  /** ISO time of the latest view in the batch. */
  lastViewedAt: string;
  /** Views by UTC day (`YYYY-MM-DD`); the values add up to `count`. */
  days: Map<string, number>;
}

/** The UTC day (`YYYY-MM-DD`) of an ISO-8601 UTC time. */
export const dayOf = (iso: string): string => iso.slice(0, 10);

function addDays(into: Map<string, number>, from: Map<string, number>): void {
  for (const [day, views] of from) into.set(day, (into.get(day) ?? 0) + views);
}

export class ViewBuffer {
  private pending = new Map<string, PendingViews>();

  add(shareId: string, at: string): void {
    const day = dayOf(at);
    const entry = this.pending.get(shareId);
    if (entry) {
      entry.count += 1;
      entry.days.set(day, (entry.days.get(day) ?? 0) + 1);
      if (at > entry.lastViewedAt) entry.lastViewedAt = at;
    } else {
      this.pending.set(shareId, { count: 1, lastViewedAt: at, days: new Map([[day, 1]]) });
    }
  }

  /** Views counted here and not written yet. */
  countFor(shareId: string): number {
    return this.pending.get(shareId)?.count ?? 0;
  }

  /** Views counted here and not written yet, by UTC day. */
  daysFor(shareId: string): ReadonlyMap<string, number> {
    return this.pending.get(shareId)?.days ?? new Map();
  }

  /** Views pending over all shares. */
  get total(): number {
    let total = 0;
    for (const entry of this.pending.values()) total += entry.count;
    return total;
  }

  /** Everything pending, leaving the buffer empty. */
  take(): Map<string, PendingViews> {
    const batch = this.pending;
    this.pending = new Map();
    return batch;
  }

  /** Puts back a batch that could not be written. */
  restore(shareId: string, views: PendingViews): void {
    const entry = this.pending.get(shareId);
    if (entry) {
      entry.count += views.count;
      addDays(entry.days, views.days);
      if (views.lastViewedAt > entry.lastViewedAt) entry.lastViewedAt = views.lastViewedAt;
    } else {
      this.pending.set(shareId, { ...views, days: new Map(views.days) });
    }
  }
}
