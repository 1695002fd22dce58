import http from 'node:http';
import autocannon from 'autocannon';
import { cpuMeter, waitQuiet } from './cpu';

export type LoadResult = {
  reqPerSec: number;
  p50: number;
  p99: number;
  total: number;
  seconds: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** CPU other processes on the machine used during the measured runs (cores). */
  backgroundCores: number;
  /** CPU the bench itself (load generator, servers, PostgreSQL) used (cores). */
  ownCores: number;
};

export type LoadPlan = {
  /** Open-loop: at most this many requests per second over all connections (autocannon overallRate). */
  overallRate?: number;
  connections: number;
  warmupSeconds: number;
  /** Measured seconds per target. */
  seconds: number;
  /** The measured time is cut into this many slices, alternating between the two targets. */
  slices: number;
};

export type Target = {
  base: string;
  paths: string[];
  headers: Record<string, string>;
  /** GET when absent. */
  method?: 'GET' | 'POST';
  /**
   * Each request's path and body, in place of cycling `paths`; called once per request across every run
   * of the target, so a bench can hand each request something it has not used yet (a draft to submit).
   */
  next?: () => { path: string; body?: string };
};

type Slice = {
  total: number;
  seconds: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  codes: Record<string, number>;
};

/** One autocannon run; paths are cycled one per request across all connections. */
async function run(t: Target, plan: LoadPlan, seconds: number, latencies: number[] | null): Promise<Slice> {
  let next = 0;
  const instance = autocannon({
    url: t.base,
    connections: plan.connections,
    duration: seconds,
    timeout: 10,
    headers: t.headers,
    ...(plan.overallRate ? { overallRate: plan.overallRate } : {}),
    requests: [
      {
        method: t.method ?? 'GET',
        setupRequest: (req) => {
          if (t.next) {
            const r = t.next();
            return r.body === undefined ? { ...req, path: r.path } : { ...req, path: r.path, body: r.body };
          }
          const path = t.paths[next % t.paths.length] as string;
          next++;
          return { ...req, path };
        },
      },
    ],
  });
  if (latencies) instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  const r = await instance;
  const codes: Record<string, number> = {};
  for (const [code, v] of Object.entries(r.statusCodeStats ?? {})) codes[code] = Number(v.count);
  return {
    total: r.requests.total,
    seconds: r.duration,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    codes,
  };
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const k = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round((sorted[k] as number) * 10) / 10;
}

function summarise(slices: Slice[], latencies: number[], cpu: { backgroundCores: number; ownCores: number }) {
  const seconds = slices.reduce((a, s) => a + s.seconds, 0);
  const total = slices.reduce((a, s) => a + s.total, 0);
  const statusCodes: Record<string, number> = {};
  for (const s of slices) for (const [c, n] of Object.entries(s.codes)) statusCodes[c] = (statusCodes[c] ?? 0) + n;
  const sorted = Float64Array.from(latencies).sort();
  return {
    reqPerSec: total / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    total,
    seconds,
    non2xx: slices.reduce((a, s) => a + s.non2xx, 0),
    errors: slices.reduce((a, s) => a + s.errors, 0),
    timeouts: slices.reduce((a, s) => a + s.timeouts, 0),
    statusCodes,
    ...cpu,
  };
}

/**
 * The floor and the figure, measured interleaved (A B B A A B …, plan.slices slices each, after a
 * warm-up of each): on a shared machine both then see the same background load, so their ratio holds
 * even when the absolute figures move. Latency percentiles are exact, over every response.
 */
export async function loadPair(
  floor: Target,
  figure: Target,
  plan: LoadPlan,
  log: (line: string) => void = () => undefined,
): Promise<{ floor: LoadResult; figure: LoadResult }> {
  await waitQuiet(log);
  if (plan.warmupSeconds > 0) {
    await run(floor, plan, plan.warmupSeconds, null);
    await run(figure, plan, plan.warmupSeconds, null);
  }
  const slice = plan.seconds / plan.slices;
  const acc = {
    floor: { slices: [] as Slice[], lat: [] as number[] },
    figure: { slices: [] as Slice[], lat: [] as number[] },
  };
  const end = cpuMeter();
  for (let k = 0; k < plan.slices; k++) {
    const order: ('floor' | 'figure')[] = k % 2 === 0 ? ['floor', 'figure'] : ['figure', 'floor'];
    for (const which of order) {
      const target = which === 'floor' ? floor : figure;
      acc[which].slices.push(await run(target, plan, slice, acc[which].lat));
    }
  }
  const cpu = end();
  return {
    floor: summarise(acc.floor.slices, acc.floor.lat, cpu),
    figure: summarise(acc.figure.slices, acc.figure.lat, cpu),
  };
}

/**
 * One steady-rate run: a request every 1/rate s, spread evenly (not in bursts), over at most `connections`
 * keep-alive sockets; a request finding every socket busy waits for one. Latency runs from the moment the
 * request was due, not from when a socket took it, so waiting behind slow answers counts (no coordinated
 * omission). autocannon's overallRate fires each second's quota at once, which measures its bursts instead.
 */
async function steadyRun(t: Target, rate: number, seconds: number, connections: number, latencies: number[]) {
  const url = new URL(t.base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const codes: Record<string, number> = {};
  let total = 0;
  let non2xx = 0;
  let errors = 0;
  let next = 0;
  const one = (due: number) =>
    new Promise<void>((resolve) => {
      const r = t.next ? t.next() : { path: t.paths[next++ % t.paths.length] as string, body: undefined };
      const req = http.request(
        { host: url.hostname, port: url.port, path: r.path, method: t.method ?? 'GET', headers: t.headers, agent },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - due);
            total++;
            const code = String(res.statusCode);
            codes[code] = (codes[code] ?? 0) + 1;
            if (!code.startsWith('2')) non2xx++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(r.body);
    });
  const started = performance.now();
  const count = Math.max(1, Math.round(rate * seconds));
  const pending: Promise<void>[] = [];
  for (let k = 0; k < count; k++) {
    const due = started + (k * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(one(due));
  }
  await Promise.all(pending);
  agent.destroy();
  return { total, seconds: (performance.now() - started) / 1000, non2xx, errors, timeouts: 0, codes };
}

export type Capacity = {
  /** The highest offered rate (req/s, open loop) whose p99 stayed within the goal with no 5xx or error; 0 if none. */
  rate: number;
  /** That run's result (null when even the lowest rate missed). */
  at: LoadResult | null;
  /** Every rate tried, in order, with its p99 — the search, for the record. */
  tried: { rate: number; p99: number; reqPerSec: number; failed: number }[];
};

/**
 * The most requests per second `target` takes, offered at a steady rate (open loop, steadyRun) over
 * `connections`, while its p99 stays at or under `p99Ms`: from `low`, doubling up to `high` (the closed-loop
 * saturation rate is a good `high`) until a rate misses, then bisecting, in at most `steps` runs of `seconds`
 * (each after an uncounted second at its rate). Where the
 * closed-loop figure says how much the server does flat out, this says how much traffic it serves while
 * keeping the latency promise.
 */
export async function capacityAt(
  target: Target,
  opts: { p99Ms: number; connections: number; low: number; high: number; steps: number; seconds: number },
  log: (line: string) => void = () => undefined,
): Promise<Capacity> {
  await waitQuiet(log);
  const tried: Capacity['tried'] = [];
  let lo = 0;
  let best: LoadResult | null = null;
  /** The lowest rate that missed; null while every rate tried kept the goal. */
  let miss: number | null = null;
  let rate = Math.max(1, Math.round(opts.low));
  for (let step = 0; step < opts.steps; step++) {
    // A second at the new rate first, not counted: the step measures the rate held, not the change to it
    // (more connections in use, their first statements planned), as the closed-loop runs warm up too.
    await steadyRun(target, rate, 1, opts.connections, []);
    const lat: number[] = [];
    const end = cpuMeter();
    const slice = await steadyRun(target, rate, opts.seconds, opts.connections, lat);
    const r = summarise([slice], lat, end());
    const failed = r.errors + Object.entries(r.statusCodes).reduce((n, [c, k]) => n + (c.startsWith('5') ? k : 0), 0);
    tried.push({ rate, p99: r.p99, reqPerSec: r.reqPerSec, failed });
    // A 4xx is an answer (a submit the rules refuse); a 5xx or a dropped connection is not.
    const ok = r.p99 <= opts.p99Ms && failed === 0 && r.reqPerSec >= rate * 0.95;
    if (ok) {
      lo = rate;
      best = r;
    } else {
      miss = rate;
    }
    // Doubling up to `high` until a rate misses, then halving the interval between the best and the miss.
    const following: number = miss === null ? Math.min(Math.round(opts.high), rate * 2) : Math.round((lo + miss) / 2);
    if (following === lo || following === miss) break;
    rate = following;
  }
  return { rate: lo, at: best, tried };
}
