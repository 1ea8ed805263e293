import os from 'node:os';
import type { WebSocket } from 'ws';

/** Send one message at a time and time each reply, in milliseconds. */
export async function timeRoundTrips(socket: WebSocket, count: number, warmUp: number, message: () => string): Promise<number[]> {
  const times: number[] = [];
  for (let index = 0; index < count + warmUp; index += 1) {
    const started = process.hrtime.bigint();
    await new Promise<void>((resolve) => {
      socket.once('message', () => resolve());
      socket.send(message());
    });
    if (index >= warmUp) times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times;
}

export function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
}

/** Print median, p95 and throughput of a run next to its baseline, with the machine's figures. */
export function printFigures(name: string, times: number[], baselineName: string, baseline: number[]): void {
  const describe = (label: string, values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const total = values.reduce((sum, value) => sum + value, 0);
    return { label, median: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), perSecond: (values.length / total) * 1000 };
  };
  const run = describe(name, times);
  const base = describe(baselineName, baseline);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
  for (const row of [run, base]) {
    console.log(`${row.label.padEnd(40)} median ${row.median.toFixed(3)} ms   p95 ${row.p95.toFixed(3)} ms   ${row.perSecond.toFixed(0)}/s`);
  }
  console.log(`ratio to baseline: median ×${(run.median / base.median).toFixed(2)}, p95 ×${(run.p95 / base.p95).toFixed(2)}`);
}
