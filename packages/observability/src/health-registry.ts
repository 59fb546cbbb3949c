export interface HealthCheckResult {
  ok: boolean;
  detail?: string;
}

export type HealthCheck = () => Promise<HealthCheckResult>;

export interface RegisterCheckOptions {
  /** A check that does not settle within this many milliseconds counts as failed. */
  timeoutMs?: number;
}

export interface CheckReport extends HealthCheckResult {
  durationMs: number;
}

export interface LivenessReport {
  status: 'ok';
  uptimeSeconds: number;
}

export interface ReadinessReport {
  status: 'ok' | 'unavailable';
  checks: Record<string, CheckReport>;
}

export interface HealthRegistryOptions {
  /** Used for checks registered without their own timeout. */
  defaultTimeoutMs?: number;
}

export const DEFAULT_CHECK_TIMEOUT_MS = 2_000;

interface RegisteredCheck {
  check: HealthCheck;
  timeoutMs: number;
}

/**
 * The liveness/readiness convention shared by every service. Components that
 * own a dependency (the messaging layer for NATS, the service for MongoDB)
 * register a named check; readiness is the conjunction of all of them.
 */
export class HealthRegistry {
  private readonly checks = new Map<string, RegisteredCheck>();
  private readonly defaultTimeoutMs: number;

  constructor(options: HealthRegistryOptions = {}) {
    this.defaultTimeoutMs = options.defaultTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
    assertPositive(this.defaultTimeoutMs, 'defaultTimeoutMs');
  }

  /** Returns a function that removes the check again. */
  register(name: string, check: HealthCheck, options: RegisterCheckOptions = {}): () => void {
    // Two components claiming one name would hide one of them from readiness.
    if (this.checks.has(name)) throw new Error(`health check "${name}" is already registered`);
    const timeoutMs = options.timeoutMs ?? this.defaultTimeoutMs;
    assertPositive(timeoutMs, `timeoutMs of health check "${name}"`);
    const entry: RegisteredCheck = { check, timeoutMs };
    this.checks.set(name, entry);
    return () => {
      if (this.checks.get(name) === entry) this.checks.delete(name);
    };
  }

  unregister(name: string): boolean {
    return this.checks.delete(name);
  }

  names(): string[] {
    return [...this.checks.keys()];
  }

  /** The process answers, so it is alive; dependencies do not matter here. */
  liveness(): LivenessReport {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  }

  async readiness(): Promise<ReadinessReport> {
    const entries = [...this.checks.entries()];
    const reports = await Promise.all(entries.map(([, entry]) => runCheck(entry)));
    const checks: Record<string, CheckReport> = {};
    entries.forEach(([name], index) => {
      const report = reports[index];
      if (report !== undefined) checks[name] = report;
    });
    const ready = reports.every((report) => report.ok);
    return { status: ready ? 'ok' : 'unavailable', checks };
  }
}

async function runCheck({ check, timeoutMs }: RegisteredCheck): Promise<CheckReport> {
  const startedAt = performance.now();
  const elapsed = (): number => Math.round(performance.now() - startedAt);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<HealthCheckResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, detail: `timed out after ${timeoutMs} ms` }), timeoutMs);
  });
  try {
    // Invoked inside the try so a check that throws synchronously is reported, not propagated.
    const result = await Promise.race([Promise.resolve().then(check), timeout]);
    return { ...normalise(result), durationMs: elapsed() };
  } catch (error) {
    return { ok: false, detail: describeError(error), durationMs: elapsed() };
  } finally {
    clearTimeout(timer);
  }
}

/** Guards against checks written in plain JS or returning loosely typed data. */
function normalise(result: unknown): HealthCheckResult {
  if (typeof result !== 'object' || result === null || typeof (result as HealthCheckResult).ok !== 'boolean') {
    return { ok: false, detail: 'check returned no { ok: boolean } result' };
  }
  const { ok, detail } = result as HealthCheckResult;
  return detail === undefined ? { ok } : { ok, detail: String(detail) };
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function assertPositive(value: number, what: string): void {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${what} must be a positive number, got ${value}`);
}
