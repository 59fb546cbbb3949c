import type { Logger } from '@aiplat/observability';

/**
 * Runs `work` every `intervalMs` (first run after `firstDelayMs`), one run at a
 * time; a failed run is logged and the next one happens as planned. `stop()`
 * cancels the next run and waits for the current one. An interval of 0 never runs.
 */
export class PeriodicJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = false;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly work: () => Promise<unknown>,
    private readonly log: Logger,
    private readonly firstDelayMs = 5_000,
  ) {}

  start(): void {
    if (this.intervalMs === 0) return;
    this.schedule(this.firstDelayMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.work()
        .catch((err: unknown) =>
          this.log.warn({ err, job: this.name }, `${this.name} failed; next run at the next interval`),
        )
        .finally(() => this.schedule(this.intervalMs));
    }, delayMs);
    this.timer.unref();
  }
}
