/**
 * The floor of `npm run bench:claims`: a trivial workflow that runs the same number of activities,
 * one after the other, as a claim does — no database, no timers. Bundled only by the benchmark.
 */
import { proxyActivities } from '@temporalio/workflow';

const { floorStep } = proxyActivities<{ floorStep(i: number): Promise<number> }>({ startToCloseTimeout: '1 minute' });

export async function floorWorkflow(steps: number): Promise<number> {
  let sum = 0;
  for (let i = 0; i < steps; i++) sum += await floorStep(i);
  return sum;
}
