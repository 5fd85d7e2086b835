/**
 * A per-container cache with three ages: fresh (< ttl) is served as is; stale (< maxAge) is
 * served while ONE background refresh runs; expired (>= maxAge) is never served, the caller
 * waits for a fetch. Every fetch for a key is shared: N concurrent cold-start calls produce one
 * request, which matters when a burst of invocations lands on a fresh container.
 */

interface Entry<T> { value: T; fetchedAt: number }

export interface RefreshingCacheOptions {
  ttlMs: number;
  maxAgeMs: number;
  now: () => number;
  /** a background refresh failed; the stale value stays in service until maxAge */
  onBackgroundError: (key: string, error: unknown) => void;
}

export class RefreshingCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly inflight = new Map<string, Promise<T>>();

  constructor(private readonly options: RefreshingCacheOptions) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    const entry = this.entries.get(key);
    const age = entry ? this.options.now() - entry.fetchedAt : Infinity;
    if (entry && age < this.options.ttlMs) return Promise.resolve(entry.value);
    if (entry && age < this.options.maxAgeMs) {
      if (!this.inflight.has(key)) {
        this.fetch(key, load).catch((error: unknown) => this.options.onBackgroundError(key, error));
      }
      return Promise.resolve(entry.value);
    }
    if (entry) this.entries.delete(key); // past maxAge: drop it so it cannot leak out later
    return this.inflight.get(key) ?? this.fetch(key, load);
  }

  /** drop everything, e.g. after a rotation was announced */
  clear(): void {
    this.entries.clear();
  }

  private fetch(key: string, load: () => Promise<T>): Promise<T> {
    // Starting from a resolved promise keeps even a synchronous throw in `load` asynchronous, so
    // the inflight slot is always registered before it is cleared.
    const promise: Promise<T> = Promise.resolve()
      .then(load)
      .then((value) => {
        this.entries.set(key, { value, fetchedAt: this.options.now() });
        return value;
      })
      .finally(() => {
        if (this.inflight.get(key) === promise) this.inflight.delete(key);
      });
    this.inflight.set(key, promise);
    return promise;
  }
}
