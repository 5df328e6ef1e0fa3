/** The calls a PostgreSQL store has under way, so that `close()` can wait for them before ending its pool. */
export class InFlight {
  readonly #calls = new Set<Promise<unknown>>();

  /** Returns `promise`, counted until it settles. */
  track<T>(promise: Promise<T>): Promise<T> {
    this.#calls.add(promise);
    const done = () => this.#calls.delete(promise);
    void promise.then(done, done);
    return promise;
  }

  /** Resolves once every call under way now has settled, whether it succeeded or not. */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.#calls]);
  }
}
