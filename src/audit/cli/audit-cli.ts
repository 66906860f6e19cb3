import { createWriteStream } from 'node:fs';
import { chmod, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, readTimeZone, type StoreConfig } from '../../config/config.js';
import type { EventStore } from '../../event-store/event-store.port.js';
import type { Position } from '../../event-store/position.js';
import { asciiLowerCase } from '../../shared/ascii-lower-case.js';
import { isIsoDate } from '../../shared/iso-date.js';
import type { AuditEvent } from '../audit-event.js';
import { ndjsonExport } from '../export/ndjson-export.js';
import { missionStream, StreamHistory } from '../history/stream-history.js';
import {
  countEvents,
  importNdjson,
  importSucceeded,
  linesOf,
  TargetNotEmptyError,
} from '../import/ndjson-import.js';
import { estimatedTotal, Progress } from '../progress/progress.js';
import { Calendar } from '../../command-handling/calendar.js';
import { MissionReplay } from '../replay/mission-replay.js';
import type { ReplayPoint } from '../replay/replay-mission.js';
import type { VerifyReport } from '../verify/chain-report.js';
import { ChainVerifier } from '../verify/chain-verifier.js';
import {
  AnchorError,
  anchorOfDigest,
  storeDigest,
  type AnchoredDigest,
} from '../verify/store-digest.js';
import { UsageError, writeChunk, writeLine, type CliIo } from './cli-io.js';
import { rebuildReadModels } from './rebuild.js';
import { stagedImport } from './staged-import.js';
import {
  describeStore,
  openStore,
  orderedInFlight,
  OWNER_ONLY,
  storeConfigOf,
} from './store-argument.js';

const AUDIT_USAGE = `Usage: npm run audit -- <verb> [options]

  history <missionId>        every event of the mission, in order
  history --stream <name>    every event of any stream (ids and names in any case)
  replay <missionId>         the mission as known --as-of <ISO instant> or at --revision <n>,
                             and/or counting facts that happened by --occurred-by <YYYY-MM-DD>
  verify                     re-computes every hash chain (--stream <name>: one stream;
                             --anchor <digest.json>: also check against an anchored digest)
  digest                     the head hash of every stream and one digest over them (--out <file>)
  export                     the whole log as NDJSON (--out <file>, else stdout)
  import <file>              an NDJSON export into an empty store, checked against its summary
                             line (--without-summary: an export made before exports had one)
  rebuild                    rebuilds the read models under DATA_DIR from the store the service
                             uses (EVENTSTORE_URL, else DATA_DIR/events.sqlite; no --store),
                             with the service stopped (--projection <name>: one of them)

Options:
  --store <file|url>         an embedded store file or a kurrentdb:// URL
                             (default: EVENTSTORE_URL, else DATA_DIR/events.sqlite)
  --json                     machine-readable output (history, verify)
Exit codes: 0 done and intact, 1 verification failed or nothing found, 2 usage error (an
--anchor that is not a digest, or whose heads do not hash to its digest, included).`;

const OPTIONS = {
  store: { type: 'string' },
  stream: { type: 'string' },
  'from-revision': { type: 'string' },
  limit: { type: 'string' },
  'as-of': { type: 'string' },
  revision: { type: 'string' },
  'occurred-by': { type: 'string' },
  anchor: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  projection: { type: 'string' },
  'without-summary': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parse>['values'];

function parse(argv: readonly string[]) {
  return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
}

/** `npm run audit -- <verb>`: the auditor's offline tools, on the same code as the API. */
export async function runAuditCli(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parse(argv);
  } catch (error) {
    return usage(io, error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const [verb, ...rest] = positionals;
  if (values.help || verb === 'help') {
    writeLine(io.stdout, AUDIT_USAGE);
    return 0;
  }
  if (verb === undefined) return usage(io, 'which verb?');
  try {
    if (verb === 'rebuild') {
      // DATA_DIR's read models and checkpoints follow one store: built from another, they
      // would show its missions and skip the service's own events up to its position.
      if (values.store !== undefined) {
        throw new UsageError(
          "rebuild reads the store the service uses (EVENTSTORE_URL, else DATA_DIR/events.sqlite), not --store: DATA_DIR's read models must follow DATA_DIR's store",
        );
      }
      return await rebuildReadModels(loadConfig(io.env), values.projection, io);
    }
    const config = storeConfigOf(values.store, io.env);
    if (verb === 'import') {
      const file = one(rest, 'the file to import');
      const code = await stagedImport(config, (store, staging) =>
        importFile(store, file, io, {
          withoutSummary: values['without-summary'] === true,
          inFlight: orderedInFlight(staging),
          name: describeStore(config),
          config: staging,
        }),
      ).catch((error: unknown) => {
        if (!(error instanceof TargetNotEmptyError)) keptAsItWas(config, io);
        throw error;
      });
      if (code !== 0) keptAsItWas(config, io);
      return code;
    }
    // What a replay is asked is checked before anything connects, as the store's settings are.
    const replaying = verb === 'replay' ? replayRequestOf(rest, values, io.env) : undefined;
    // Every verb from here on only reads: an embedded file is left as it was, nothing beside it.
    const reading: StoreConfig = config.kind === 'sqlite' ? { ...config, readOnly: true } : config;
    const store = await openStore(reading, true);
    try {
      if (replaying !== undefined) return await replay(store, replaying, io);
      switch (verb) {
        case 'history':
          return await history(store, streamOf(rest, values.stream), values, io);
        case 'verify':
          return await verify(store, reading, values, io);
        case 'digest':
          return await digest(store, reading, values, io);
        case 'export':
          return await exportLog(store, values, io);
        default:
          throw new UsageError(`unknown verb ${JSON.stringify(verb)}`);
      }
    } finally {
      await store.close();
    }
  } catch (error) {
    if (error instanceof UsageError) return usage(io, error.message);
    writeLine(
      io.stderr,
      `audit ${verb}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }
}

function usage(io: CliIo, message: string): number {
  writeLine(io.stderr, `audit: ${message}\n\n${AUDIT_USAGE}`);
  return 2;
}

function one(rest: readonly string[], what: string): string {
  if (rest.length !== 1) throw new UsageError(`expected ${what}`);
  return rest[0];
}

function integer(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new UsageError(`--${name} must be a whole number`);
  return Number(text);
}

/** The stream `history` reads: a mission's (`<missionId>`) or any (`--stream <name>`), in any ASCII case. */
function streamOf(rest: readonly string[], stream: string | undefined): string {
  if (stream === undefined) return missionStream(asciiLowerCase(one(rest, 'a mission id')));
  if (rest.length > 0) throw new UsageError('expected a mission id or --stream, not both');
  return asciiLowerCase(stream);
}

async function history(store: EventStore, stream: string, values: Values, io: CliIo) {
  const history = new StreamHistory(store);
  let from: number | null = integer(values['from-revision'], 'from-revision') ?? 0;
  let remaining = integer(values.limit, 'limit') ?? Number.MAX_SAFE_INTEGER;
  let found = false;
  while (from !== null && remaining > 0) {
    const page = await history.page(stream, from, Math.min(remaining, 1000));
    if (!page) break;
    if (!found && !values.json) writeLine(io.stdout, `${stream}`);
    found = true;
    for (const event of page.events) {
      writeLine(io.stdout, values.json ? JSON.stringify(event) : historyLine(event));
    }
    remaining -= page.events.length;
    from = page.nextRevision;
  }
  if (!found) {
    writeLine(io.stderr, `audit history: no stream ${stream}`);
    return 1;
  }
  return 0;
}

function historyLine(event: AuditEvent): string {
  const by = event.actor ? `${event.actor}${event.actorRole ? ` (${event.actorRole})` : ''}` : '?';
  const version =
    event.storedSchemaVersion === event.schemaVersion
      ? `v${event.schemaVersion}`
      : `v${event.storedSchemaVersion}→v${event.schemaVersion}`;
  return [
    `#${event.revision} ${event.type} ${version}`,
    `  occurred ${event.occurredOn ?? '—'}, recorded ${event.recordedAt} by ${by}`,
    `  command ${event.command ?? '—'}, idempotency key ${idempotencyKeyOf(event) ?? '—'}`,
    `  correlation ${event.correlationId ?? '—'}, causation ${event.causationId ?? '—'}, position ${event.position}`,
    `  hash ${event.hash ?? '—'} (prev ${event.prevHash ?? 'none'})`,
    event.damaged === undefined ? `  ${JSON.stringify(event.data)}` : `  DAMAGED: ${event.damaged}`,
  ].join('\n');
}

function idempotencyKeyOf(event: AuditEvent): string | null {
  const key = event.metadata.idempotencyKey;
  return typeof key === 'string' ? JSON.stringify(key) : null;
}

interface ReplayRequest {
  readonly missionId: string;
  readonly point: ReplayPoint;
  readonly calendar: Calendar;
}

/** The mission, the point and the ministry's calendar (TIME_ZONE) a replay is asked for. */
function replayRequestOf(rest: string[], values: Values, env: CliIo['env']): ReplayRequest {
  const missionId = asciiLowerCase(one(rest, 'a mission id'));
  const point = replayPointOf(values);
  try {
    return { missionId, point, calendar: new Calendar(readTimeZone(env)) };
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}

async function replay(store: EventStore, request: ReplayRequest, io: CliIo) {
  const { missionId, point, calendar } = request;
  const outcome = await new MissionReplay(store, calendar).replay(missionId, point);
  if (!outcome.found) {
    writeLine(
      io.stderr,
      outcome.reason === 'no-mission'
        ? `audit replay: no mission ${missionId}`
        : `audit replay: mission ${missionId} has revisions 0 to ${outcome.head} only`,
    );
    return 1;
  }
  writeLine(io.stdout, JSON.stringify(outcome.view, null, 2));
  return 0;
}

function replayPointOf(values: Values): ReplayPoint {
  const asOf = values['as-of'];
  const occurredBy = values['occurred-by'];
  const revision = integer(values.revision, 'revision');
  if (asOf === undefined && occurredBy === undefined && revision === undefined) {
    throw new UsageError('replay needs --as-of, --revision or --occurred-by');
  }
  if (asOf !== undefined && revision !== undefined) {
    throw new UsageError('give --as-of or --revision, not both');
  }
  if (asOf !== undefined && (!/^\d{4}-\d{2}-\d{2}T/.test(asOf) || Number.isNaN(Date.parse(asOf)))) {
    throw new UsageError('--as-of must be an ISO 8601 instant, e.g. 2025-01-31T12:00:00Z');
  }
  if (occurredBy !== undefined && !isIsoDate(occurredBy)) {
    throw new UsageError('--occurred-by must be a date written YYYY-MM-DD');
  }
  return {
    ...(asOf !== undefined && { asOf: new Date(asOf).toISOString() }),
    ...(revision !== undefined && { revision }),
    ...(occurredBy !== undefined && { occurredBy }),
  };
}

async function runVerify(
  store: EventStore,
  config: StoreConfig,
  values: Values,
  io: CliIo,
): Promise<Awaited<ReturnType<ChainVerifier['verify']>>> {
  const anchor = values.anchor ? await anchorFile(values.anchor) : undefined;
  const head = await store.headPosition();
  const progress = new Progress({ label: 'verify', out: io.stderr });
  const result = await new ChainVerifier(store, { storeConfig: config }).verify({
    ...(values.stream !== undefined && { stream: asciiLowerCase(values.stream) }),
    ...(anchor && { anchor }),
    onProgress: (checked, position) =>
      progress.update(
        checked,
        values.stream === undefined ? estimatedTotal(checked, position, head) : undefined,
      ),
  });
  progress.finish(
    result.report.ok ? 'intact' : `${result.report.brokenStreams} broken`,
    result.report.eventsChecked,
  );
  return result;
}

/**
 * The anchored digest in a file, its heads checked against its digest. An anchor that cannot
 * be used (unreadable, not a digest, heads that do not hash to its digest) is a usage error:
 * nothing was verified.
 */
async function anchorFile(file: string): Promise<AnchoredDigest> {
  try {
    return anchorOfDigest(JSON.parse(await readFile(file, 'utf8')) as unknown);
  } catch (error) {
    const reason =
      error instanceof AnchorError
        ? error.message
        : error instanceof SyntaxError
          ? 'not JSON'
          : error instanceof Error
            ? error.message
            : String(error);
    throw new UsageError(`--anchor ${file}: ${reason}`);
  }
}

async function verify(store: EventStore, config: StoreConfig, values: Values, io: CliIo) {
  const { report } = await runVerify(store, config, values, io);
  if (values.json) writeLine(io.stdout, JSON.stringify(report, null, 2));
  else writeLine(io.stdout, verifySummary(report));
  return report.ok ? 0 : 1;
}

export function verifySummary(report: VerifyReport): string {
  const lines = [
    `${report.ok ? 'OK' : 'BROKEN'}: ${report.eventsChecked} events in ${report.streamsChecked} streams checked, ${report.brokenStreams} broken`,
  ];
  if (report.anchor) lines.push(anchorSummary(report.anchor));
  for (const bad of report.broken) {
    lines.push(
      `  ${bad.stream} revision ${bad.revision}${bad.position ? ` (position ${bad.position})` : ''}: ${bad.problem}: ${bad.detail}`,
      `    expected ${JSON.stringify(bad.expected)}, found ${JSON.stringify(bad.found)}`,
    );
  }
  return lines.join('\n');
}

function anchorSummary({
  streams,
  confirmed,
  notConfirmed,
}: NonNullable<VerifyReport['anchor']>): string {
  const line = `anchor: ${confirmed} of ${streams} anchored streams confirmed`;
  if (notConfirmed.length === 0) return line;
  const unlisted = streams - confirmed - notConfirmed.length;
  return `${line}; not confirmed: ${notConfirmed.join(', ')}${unlisted > 0 ? ` (and ${unlisted} more)` : ''}`;
}

async function digest(store: EventStore, config: StoreConfig, values: Values, io: CliIo) {
  const { report, heads } = await runVerify(store, config, { ...values, anchor: undefined }, io);
  const text = `${JSON.stringify(storeDigest(heads, report), null, 2)}\n`;
  if (values.out) {
    await ownerOnly(values.out);
    await writeFile(values.out, text, { mode: OWNER_ONLY });
  } else io.stdout.write(text);
  if (!report.ok) writeLine(io.stderr, verifySummary(report));
  return report.ok ? 0 : 1;
}

async function exportLog(store: EventStore, values: Values, io: CliIo) {
  const head = await store.headPosition();
  const progress = new Progress({ label: 'export', out: io.stderr });
  const onProgress = (events: number, position: Position) =>
    progress.update(events, estimatedTotal(events, position, head));
  let bytes = 0;
  if (!values.out) {
    for await (const chunk of ndjsonExport(store, { onProgress })) {
      bytes += Buffer.byteLength(chunk);
      await writeChunk(io.stdout, chunk);
    }
  } else {
    // Written beside it, then renamed: a failed export (a damaged event, a full disk) leaves
    // no cut-short file under the name asked for.
    const partial = `${values.out}.partial`;
    const file = createWriteStream(partial, { mode: OWNER_ONLY });
    try {
      for await (const chunk of ndjsonExport(store, { onProgress })) {
        bytes += Buffer.byteLength(chunk);
        await writeChunk(file, chunk);
      }
      file.end();
      await finished(file);
      await ownerOnly(partial);
      await rename(partial, values.out);
    } catch (error) {
      // Closed first: a file still being opened would otherwise appear after its removal.
      file.destroy();
      await finished(file).catch(() => undefined);
      await rm(partial, { force: true });
      throw error;
    }
  }
  progress.finish(`${(bytes / 2 ** 20).toFixed(1)} MiB`);
  return 0;
}

/** A failed import says the target holds nothing of it (see stagedImport). */
function keptAsItWas(config: StoreConfig, io: CliIo): void {
  if (config.kind !== 'sqlite') return;
  writeLine(io.stderr, `audit import: nothing was imported; ${config.file} is as it was`);
}

async function importFile(
  store: EventStore,
  file: string,
  io: CliIo,
  target: { withoutSummary: boolean; inFlight: number; name: string; config: StoreConfig },
) {
  const progress = new Progress({
    label: 'import',
    out: io.stderr,
    total: await countEvents(file),
  });
  let imported = 0;
  let verifying: Progress | undefined;
  const summary = await importNdjson(linesOf(file), store, {
    maxInFlight: target.inFlight,
    withoutSummary: target.withoutSummary,
    storeConfig: target.config,
    onProgress: (appended) => {
      imported = appended;
      progress.update(appended);
    },
    onVerifyProgress: (checked) => {
      if (!verifying) {
        progress.finish(undefined, imported);
        verifying = new Progress({ label: 'verify', out: io.stderr, total: imported });
      }
      verifying.update(checked);
    },
  });
  if (verifying)
    verifying.finish(summary.verify.ok ? 'intact' : 'broken', summary.verify.eventsChecked);
  else progress.finish(undefined, summary.imported);
  const succeeded = importSucceeded(summary);
  // Said only of an import that succeeded: a failed one is not moved into place.
  if (succeeded) writeLine(io.stdout, `imported ${summary.imported} events into ${target.name}`);
  writeLine(io.stdout, verifySummary(summary.verify));
  if (summary.incomplete !== null) writeLine(io.stdout, `INCOMPLETE: ${summary.incomplete}`);
  if (summary.summary === null) {
    writeLine(
      io.stderr,
      `WARNING: ${file} has no export summary line: imported as it is (--without-summary); a missing event at a stream’s end, a missing stream or a file cut short cannot be noticed`,
    );
  }
  return succeeded ? 0 : 1;
}

/**
 * An output file that exists already keeps its mode when written (`mode` applies only to a
 * file created): it is made owner-only first, before any of the log reaches it.
 */
async function ownerOnly(file: string): Promise<void> {
  try {
    await chmod(file, OWNER_ONLY);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
