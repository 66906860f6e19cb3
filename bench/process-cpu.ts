/**
 * CPU time a process has used, from /proc (Linux): the whole process and its main thread.
 * Throughput on a shared 2-core machine moves with whatever else runs; CPU time per
 * request moves much less, so the benchmarks print both.
 */
import { readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc reports CPU time in these ticks. */
const TICKS_PER_SECOND = 100;

export interface CpuTimes {
  /** User + system milliseconds of every thread. */
  readonly processMs: number;
  /** User + system milliseconds of the main (JavaScript) thread. */
  readonly mainThreadMs: number;
}

/** undefined where /proc is not there (not Linux) or the process is gone. */
export function cpuTimes(pid: number | undefined): CpuTimes | undefined {
  if (pid === undefined) return undefined;
  try {
    return {
      processMs: ticksOf(`/proc/${pid}/stat`),
      mainThreadMs: ticksOf(`/proc/${pid}/task/${pid}/stat`),
    };
  } catch {
    return undefined;
  }
}

/** CPU microseconds per request between two readings. */
export function cpuPerRequest(
  before: CpuTimes | undefined,
  after: CpuTimes | undefined,
  requests: number,
): { readonly processUs: number; readonly mainThreadUs: number } | undefined {
  if (before === undefined || after === undefined || requests === 0) return undefined;
  return {
    processUs: ((after.processMs - before.processMs) * 1000) / requests,
    mainThreadUs: ((after.mainThreadMs - before.mainThreadMs) * 1000) / requests,
  };
}

function ticksOf(file: string): number {
  const text = readFileSync(file, 'utf8');
  // The command name (field 2) may hold spaces; fields after its closing parenthesis are plain.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / TICKS_PER_SECOND;
}
