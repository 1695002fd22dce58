export type Goal =
  /** figure / floor must reach value (throughput). */
  | { kind: 'ratio_min'; value: number }
  /** figure must stay at or under value, in the row's unit (times). */
  | { kind: 'max'; value: number }
  /** figure must reach value, in the row's unit (quality figures: precision, recall). */
  | { kind: 'min'; value: number }
  /** the row's p99 latency (`latencyMs`) must stay at or under value milliseconds. */
  | { kind: 'p99_max'; value: number }
  | { kind: 'none' };

export type Row = {
  id: string;
  bench: string;
  label: string;
  unit: 'req/s' | 's' | 'MiB' | 'ratio';
  figure: number | null;
  floor: number | null;
  /** figure / floor. */
  ratio: number | null;
  goal: Goal;
  /** true / false against the goal; null when there is no goal or no figure. */
  pass: boolean | null;
  /** Extra text for the table (latencies, counts). */
  figureNote?: string;
  floorNote?: string;
  /** CPU used by other processes on the machine while this row was measured (cores), when known. */
  backgroundCores?: number;
  /** p99 latency in ms, for a p99_max goal. */
  latencyMs?: number;
  /** Why there is no figure, or why it failed beyond the goal. */
  note?: string;
  details?: Record<string, unknown>;
};

export function makeRow(r: Omit<Row, 'ratio' | 'pass'> & { extraFail?: string | undefined }): Row {
  const ratio = r.figure !== null && r.floor !== null && r.floor > 0 ? r.figure / r.floor : null;
  let pass: boolean | null = null;
  if (r.figure !== null) {
    if (r.goal.kind === 'ratio_min') pass = ratio !== null && ratio >= r.goal.value;
    if (r.goal.kind === 'max') pass = r.figure <= r.goal.value;
    if (r.goal.kind === 'min') pass = r.figure >= r.goal.value;
    if (r.goal.kind === 'p99_max') pass = r.latencyMs !== undefined && r.latencyMs <= r.goal.value;
  }
  let note = r.note;
  if (r.extraFail) {
    pass = false;
    note = note ? `${note}; ${r.extraFail}` : r.extraFail;
  }
  const { extraFail: _, ...rest } = r;
  return { ...rest, ratio, pass, ...(note ? { note } : {}) };
}

function fmt(value: number | null, unit: Row['unit']): string {
  if (value === null) return '—';
  if (unit === 'req/s') return `${Math.round(value).toLocaleString('en-US')} req/s`;
  if (unit === 's') return `${value.toFixed(2)} s`;
  if (unit === 'ratio') return value.toFixed(3);
  return `${value.toFixed(1)} MiB`;
}

function goalText(g: Goal, unit: Row['unit']): string {
  if (g.kind === 'ratio_min') return `≥ ${g.value} × floor`;
  if (g.kind === 'max') return `≤ ${g.value} ${unit}`;
  if (g.kind === 'min') return `≥ ${unit === 'ratio' ? g.value.toFixed(3) : g.value}`;
  if (g.kind === 'p99_max') return `p99 ≤ ${g.value} ms`;
  return '(info)';
}

export function renderTable(rows: Row[]): string {
  const header = ['bench', 'figure', 'floor', 'ratio', 'goal', 'result', 'other load'];
  const lines = rows.map((r) => [
    r.label,
    [fmt(r.figure, r.unit), r.figureNote].filter(Boolean).join('  '),
    [fmt(r.floor, r.unit), r.floorNote].filter(Boolean).join('  '),
    r.ratio === null ? '—' : `${r.ratio.toFixed(2)}×`,
    goalText(r.goal, r.unit),
    r.pass === null ? (r.figure === null ? 'SKIP' : 'info') : r.pass ? 'PASS' : 'FAIL',
    r.backgroundCores === undefined ? '' : r.backgroundCores < 0.1 ? 'quiet' : `${r.backgroundCores.toFixed(2)} cores`,
  ]);
  const widths = header.map((h, k) => Math.max(h.length, ...lines.map((l) => (l[k] ?? '').length)));
  const row = (cells: string[]) =>
    cells
      .map((c, k) => c.padEnd(widths[k] ?? 0))
      .join('  ')
      .trimEnd();
  const out = [row(header), widths.map((w) => '─'.repeat(w)).join('  ')];
  let lastBench = '';
  rows.forEach((r, k) => {
    if (lastBench && r.bench !== lastBench) out.push('');
    lastBench = r.bench;
    out.push(row(lines[k] as string[]));
  });
  out.push(
    '',
    'ratio = figure / floor, both measured in this run. other load = CPU used meanwhile by processes outside',
    'the bench (2 cores in all); under load, compare ratios rather than absolute figures.',
  );
  const notes = rows.filter((r) => r.note).map((r) => `  ${r.label.trim()}: ${r.note}`);
  if (notes.length > 0) out.push('', 'notes:', ...notes);
  return out.join('\n');
}
