// A bounded load of task changes: each task alternates in_progress ⇄ at_risk (flag_risk / recover),
// one request in flight per task, all tasks together at most `ratePerSecond` requests a second.
// Counts what the API accepted (200) per task; a refused move (409, the task is not where the client
// thought) re-reads the task; a failed one (5xx, no answer) is retried after a pause, up to a deadline.
'use strict';
const { taskView } = require('./count.cjs');

const NEXT = { in_progress: 'flag_risk', at_risk: 'recover' };

class Load {
  constructor(api) {
    this.api = api;
    this.accepted = {};
    this.failed = 0;
    this.refused = 0;
    this.status = {};
    this.nextSlot = 0;
  }

  async slot(ratePerSecond) {
    const now = Date.now();
    const at = Math.max(now, this.nextSlot);
    this.nextSlot = at + 1000 / ratePerSecond;
    if (at > now) await new Promise((r) => setTimeout(r, at - now));
  }

  /** One move on one task, as its lead unit's bureau (or the office); returns 'ok' | 'refused' | 'failed'. */
  async move({ code, as }, { ratePerSecond = 4, moveName } = {}) {
    await this.slot(ratePerSecond);
    let status = this.status[code];
    if (!status) {
      try {
        status = this.status[code] = (await taskView(this.api, code)).status;
      } catch {
        this.failed++;
        return 'failed';
      }
    }
    const move = moveName ?? NEXT[status];
    if (!move) throw new Error(`${code} is ${status}: the load only moves in_progress ⇄ at_risk`);
    const body = move === 'flag_risk' ? { move, reason: '故障测试：进度滞后' } : { move };
    let res;
    try {
      res = await this.api.call('POST', `/api/v1/tasks/${code}/moves`, { as, body, timeoutMs: 10_000 });
    } catch {
      res = { status: 0 };
    }
    if (res.status === 200) {
      this.accepted[code] = (this.accepted[code] ?? 0) + 1;
      this.status[code] = res.json?.status ?? (move === 'flag_risk' ? 'at_risk' : 'in_progress');
      return 'ok';
    }
    // Unknown or refused: read the task again before the next move.
    delete this.status[code];
    if (res.status === 409 || res.status === 422) {
      this.refused++;
      return 'refused';
    }
    this.failed++;
    return 'failed';
  }

  /**
   * `moves` accepted moves on each task (or until `deadline`), all tasks concurrently.
   * `onAccepted(total)` is called after each accepted move (scenarios inject faults from there).
   */
  async run(tasks, { moves, ratePerSecond = 4, deadlineMs = 120_000, onAccepted, moveName } = {}) {
    const deadline = Date.now() + deadlineMs;
    let total = 0;
    await Promise.all(
      tasks.map(async (t) => {
        let done = 0;
        while (done < moves && Date.now() < deadline) {
          const r = await this.move(t, { ratePerSecond, moveName });
          if (r === 'ok') {
            done++;
            total++;
            await onAccepted?.(total);
          } else if (r === 'failed') {
            await new Promise((res) => setTimeout(res, 1_000));
          } else if (moveName) {
            break; // a fixed move refused: the task is not where that move applies
          }
        }
      }),
    );
    return total;
  }
}

module.exports = { Load };
