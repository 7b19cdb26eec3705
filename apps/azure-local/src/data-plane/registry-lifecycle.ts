export type LifecycleStep = 'provision' | 'deprovision';

interface Queued {
  step: LifecycleStep;
  done: Promise<void>;
}

/**
 * Serialises the provision / deprovision steps of each registry: a step starts only after the previous
 * step of the same registry has settled (whatever its outcome), so a deprovision during a pending
 * provision waits for it and then stops what it started, and a provision after a deprovision starts
 * afresh once the old processes are gone (their ports are free again). A call for the step that is
 * already last in the registry's queue joins it instead of queueing a duplicate (single flight).
 * Different registries never wait for each other.
 */
export class RegistryLifecycle {
  private readonly last = new Map<string, Queued>();

  run(registry: string, step: LifecycleStep, work: () => Promise<void>): Promise<void> {
    const previous = this.last.get(registry);
    if (previous?.step === step) return previous.done;
    const done = (previous?.done ?? Promise.resolve()).catch(() => undefined).then(work);
    const queued: Queued = { step, done };
    this.last.set(registry, queued);
    done
      .finally(() => {
        if (this.last.get(registry) === queued) this.last.delete(registry);
      })
      // The caller gets `done` and its error; this bookkeeping branch must not report it again.
      .catch(() => undefined);
    return done;
  }

  /** Resolves once every step queued so far has settled (used before stopping the data plane). */
  async settled(): Promise<void> {
    while (this.last.size > 0) {
      await Promise.all([...this.last.values()].map((q) => q.done.catch(() => undefined)));
      await Promise.resolve(); // let the bookkeeping branches above drop what has settled
    }
  }
}
