/**
 * Views waiting to be written: counted in memory on each request and added to the database
 * in batches (`view_count = view_count + n`), so a popular page costs no write per view.
 * `take()` swaps the whole map out in one step, so an increment lands in exactly one batch;
 * a batch that fails to write is put back and retried.
 */
export interface PendingViews {
  count: number;
  /** ISO time of the latest view in the batch. */
  lastViewedAt: string;
}

export class ViewBuffer {
  private pending = new Map<string, PendingViews>();

  add(shareId: string, at: string): void {
    const entry = this.pending.get(shareId);
    if (entry) {
      entry.count += 1;
      if (at > entry.lastViewedAt) entry.lastViewedAt = at;
    } else {
      this.pending.set(shareId, { count: 1, lastViewedAt: at });
    }
  }

  /** Views counted here and not written yet. */
  countFor(shareId: string): number {
    return this.pending.get(shareId)?.count ?? 0;
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
      if (views.lastViewedAt > entry.lastViewedAt) entry.lastViewedAt = views.lastViewedAt;
    } else {
      this.pending.set(shareId, { ...views });
    }
  }
}
