// The result table: one row per scenario, then the problems found, then `faults: N passed, N failed` (run.cjs).
'use strict';

const COLUMNS = ['fault', 'changes', 'lost', 'duplicated', 'out of order', 'parked', 'recovery', 'result'];

function row(r) {
  if (r.error) return [r.name, '-', '-', '-', '-', '-', '-', 'ERROR'];
  return [
    r.name,
    String(r.changes),
    String(r.lost),
    String(r.duplicated),
    String(r.outOfOrder),
    r.expectParked ? `${r.parked} (${r.expectParked} planted)` : String(r.parked),
    r.recoveryMs === undefined ? '-' : `${(r.recoveryMs / 1000).toFixed(1)} s${r.complete ? '' : '*'}`,
    r.ok ? 'pass' : 'FAIL',
  ];
}

function render(results) {
  const rows = [COLUMNS, ...results.map(row)];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ');
  const out = [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.slice(1).map(line)];
  out.push(
    '(recovery: from the end of the fault until every effect was seen; * = never complete, time until the platform went quiet)',
  );
  for (const r of results) {
    const lines = [
      ...(r.notes ?? []).map((n) => `note: ${n}`),
      ...(r.error ? [`error: ${r.error}`] : []),
      ...(r.problems ?? []),
    ];
    if (!lines.length) continue;
    out.push(`\n${r.name}:`);
    const shown = lines.slice(0, 12);
    for (const l of shown) out.push(`  ${l}`);
    if (lines.length > shown.length) out.push(`  … ${lines.length - shown.length} more`);
  }
  return out.join('\n');
}

module.exports = { render };
