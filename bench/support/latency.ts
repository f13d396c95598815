import { performance } from 'node:perf_hooks';

export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
}

/** Nearest-rank percentile of sorted milliseconds. */
function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const total = sorted.reduce((sum, v) => sum + v, 0);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    mean: total / sorted.length,
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/** Runs `work` once per item, one at a time, and returns each result with its wall-clock milliseconds. */
export async function timeEach<I, R>(items: readonly I[], work: (item: I) => Promise<R>): Promise<{ results: R[]; ms: number[] }> {
  const results: R[] = [];
  const ms: number[] = [];
  for (const item of items) {
    const start = performance.now();
    results.push(await work(item));
    ms.push(performance.now() - start);
  }
  return { results, ms };
}
