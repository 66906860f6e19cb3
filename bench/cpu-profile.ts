/**
 * Reads a V8 .cpuprofile (as written by `node --cpu-prof`) and ranks functions by self
 * time and, for the application's own code, by inclusive time, optionally only over a
 * window of the run (the load phase).
 */
import { readFileSync } from 'node:fs';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
  readonly columnNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  /** Microseconds on the monotonic clock. */
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  /** Microseconds between consecutive samples (the first one from startTime). */
  readonly timeDeltas: readonly number[];
}

export interface RankedFunction {
  readonly name: string;
  readonly location: string;
  readonly ms: number;
  /** Of the busy (non-idle) time in the window. */
  readonly percent: number;
}

export interface ProfileReport {
  readonly windowMs: number;
  readonly busyMs: number;
  readonly idleMs: number;
  /** False when the requested window did not overlap the profile and all of it was used. */
  readonly windowed: boolean;
  readonly selfTop: readonly RankedFunction[];
  /** Self time grouped by package / application file / runtime. */
  readonly byOrigin: readonly RankedFunction[];
  /** Inclusive time of functions in the application's own code (dist/src). */
  readonly appInclusiveTop: readonly RankedFunction[];
}

/** A window on the same clock as the profile (microseconds, CLOCK_MONOTONIC). */
export interface Window {
  readonly fromUs: number;
  readonly toUs: number;
}

export function analyseProfile(
  file: string,
  root: string,
  window?: Window,
  top = 15,
): ProfileReport {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }

  let from = profile.startTime;
  let to = profile.endTime;
  let windowed = false;
  if (window && window.toUs > profile.startTime && window.fromUs < profile.endTime) {
    from = Math.max(window.fromUs, profile.startTime);
    to = Math.min(window.toUs, profile.endTime);
    windowed = true;
  }

  const self = new Map<string, number>();
  const origin = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const location = new Map<string, string>();
  let busy = 0;
  let idle = 0;

  let timestamp = profile.startTime;
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i += 1) {
    timestamp += timeDeltas[i];
    // A sample stands for the time until the next one.
    const duration = i + 1 < timeDeltas.length ? timeDeltas[i + 1] : profile.endTime - timestamp;
    if (timestamp < from || timestamp > to || duration <= 0) continue;
    const node = byId.get(samples[i]);
    if (!node) continue;
    const frame = node.callFrame;
    if (frame.functionName === '(idle)') {
      idle += duration;
      continue;
    }
    busy += duration;
    const key = keyOf(frame);
    location.set(key, locationOf(frame, root));
    self.set(key, (self.get(key) ?? 0) + duration);
    const originKey = originOf(frame, root);
    origin.set(originKey, (origin.get(originKey) ?? 0) + duration);

    // Inclusive time of application functions: each function once per sample.
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id)!.callFrame;
      if (!isApplication(f, root)) continue;
      const k = keyOf(f);
      if (seen.has(k)) continue;
      seen.add(k);
      location.set(k, locationOf(f, root));
      inclusive.set(k, (inclusive.get(k) ?? 0) + duration);
    }
  }

  const rank = (totals: Map<string, number>, withLocation: boolean): RankedFunction[] =>
    [...totals.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, us]) => ({
        name: withLocation ? key.split('\u0000')[0] : key,
        location: withLocation ? (location.get(key) ?? '') : '',
        ms: us / 1000,
        percent: busy === 0 ? 0 : (us / busy) * 100,
      }));

  return {
    windowMs: (to - from) / 1000,
    busyMs: busy / 1000,
    idleMs: idle / 1000,
    windowed,
    selfTop: rank(self, true),
    byOrigin: rank(origin, false),
    appInclusiveTop: rank(inclusive, true),
  };
}

function keyOf(frame: CallFrame): string {
  const name = frame.functionName === '' ? '(anonymous)' : frame.functionName;
  return `${name}\u0000${frame.url}:${frame.lineNumber}:${frame.columnNumber}`;
}

function shortUrl(url: string, root: string): string {
  let path = url.startsWith('file://') ? decodeURIComponent(url.slice('file://'.length)) : url;
  if (path.startsWith(`${root}/`)) path = path.slice(root.length + 1);
  const nm = path.lastIndexOf('node_modules/');
  return nm >= 0 ? path.slice(nm + 'node_modules/'.length) : path;
}

function locationOf(frame: CallFrame, root: string): string {
  if (frame.url === '') return '(native / V8)';
  return `${shortUrl(frame.url, root)}:${frame.lineNumber + 1}`;
}

function isApplication(frame: CallFrame, root: string): boolean {
  const path = shortUrl(frame.url, root);
  return path.startsWith('dist/src/');
}

/** Where self time goes: an npm package, an application file, Node core, or V8. */
function originOf(frame: CallFrame, root: string): string {
  if (frame.url === '') {
    return frame.functionName.startsWith('(') ? frame.functionName : '(native / V8 builtins)';
  }
  if (frame.url.startsWith('node:')) return 'node core';
  const path = shortUrl(frame.url, root);
  if (path.startsWith('dist/src/')) return `app ${path.slice('dist/src/'.length)}`;
  if (frame.url.includes('node_modules/')) {
    const parts = path.split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  return path;
}
