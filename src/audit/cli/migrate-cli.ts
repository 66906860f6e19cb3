import { parseArgs } from 'node:util';
import type { StoreConfig } from '../../config/config.js';
import { StoreUnavailableError } from '../../event-store/event-store.errors.js';
import type { EventStore } from '../../event-store/event-store.port.js';
import type { Position } from '../../event-store/position.js';
import { messageOf } from '../../shared/message-of.js';
import { estimatedTotal, Progress } from '../progress/progress.js';
import { StoreMigration } from '../migrate/store-migration.js';
import { UsageError, writeLine, type CliIo } from './cli-io.js';
import { verifySummary } from './audit-cli.js';
import { describeStore, openStore, orderedInFlight, storeConfigOf } from './store-argument.js';

const MIGRATE_USAGE = `Usage: npm run migrate -- --from <store> --to <store> [--in-flight <n>]

Copies every stream from one store to another (an embedded file and a kurrentdb:// URL, either
way) in commit order, keeping event ids, metadata and hashes; then verifies the target's chains
and compares its log with the source's. Interrupted, it resumes where the target stands: run it
again. Stop the service first, or run it again after stopping it to copy what came meanwhile.

  --from <file|url>   the source store
  --to <file|url>     the target store (empty, or a copy an earlier run left unfinished)
  --in-flight <n>     appends in flight (default: 256 into an embedded file, 1 into KurrentDB,
                      which keeps the order exactly)
Exit codes: 0 copied and verified, 1 failed or differs, 2 usage error.`;

/** `npm run migrate -- --from <store> --to <store>`. */
export async function runMigrateCli(argv: readonly string[], io: CliIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        'in-flight': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    return usage(io, messageOf(error));
  }
  if (values.help) {
    writeLine(io.stdout, MIGRATE_USAGE);
    return 0;
  }
  try {
    if (!values.from || !values.to) throw new UsageError('--from and --to are both needed');
    const fromConfig = storeConfigOf(values.from, io.env, '--from');
    const toConfig = storeConfigOf(values.to, io.env, '--to');
    if (describeStore(fromConfig) === describeStore(toConfig)) {
      throw new UsageError('--from and --to name the same store');
    }
    const inFlightText = values['in-flight'];
    if (inFlightText !== undefined && !/^[1-9]\d{0,3}$/.test(inFlightText)) {
      throw new UsageError('--in-flight must be a whole number from 1 to 9999');
    }
    const maxInFlight = inFlightText ? Number(inFlightText) : orderedInFlight(toConfig);
    const source = await openStore(fromConfig, true);
    let target: EventStore | undefined;
    try {
      // A KurrentDB target is opened (its URL checked) before anything connects; a SQLite one
      // is created only once the source answered, so a source that is down leaves nothing.
      if (toConfig.kind === 'kurrentdb') target = await openStore(toConfig, false);
      const head = await headOf(source, fromConfig, 'source');
      target ??= await openSqliteTarget(toConfig);
      // Asked before the copy starts, so that a target that is down is named.
      await headOf(target, toConfig, 'target');
      const copying = new Progress({ label: 'migrate', out: io.stderr });
      let checking: Progress | undefined;
      const report = await new StoreMigration(source, target).run({
        maxInFlight,
        onProgress: (done, position) => copying.update(done, estimatedTotal(done, position, head)),
        onVerifyProgress: (checked, position) => {
          if (!checking) {
            copying.finish();
            checking = new Progress({ label: 'verify', out: io.stderr });
          }
          checking.update(checked, estimatedTotal(checked, position, head));
        },
      });
      if (checking) checking.finish(undefined, report.verify.eventsChecked);
      else copying.finish(undefined, report.copied + report.alreadyThere);
      writeLine(
        io.stdout,
        `migrated ${describeStore(fromConfig)} → ${describeStore(toConfig)}: ${report.copied} events copied, ${report.alreadyThere} already there`,
      );
      writeLine(io.stdout, verifySummary(report.verify));
      if (report.difference) {
        writeLine(
          io.stdout,
          `DIFFERS at event ${report.difference.index}: ${report.difference.detail}`,
        );
      } else {
        writeLine(
          io.stdout,
          'the target holds the source’s events in the same order, ids and hashes',
        );
      }
      if (report.sourceAhead > 0) {
        writeLine(
          io.stdout,
          `the source gained ${report.sourceAhead} events during the copy: run the migration again`,
        );
      }
      return report.ok ? 0 : 1;
    } finally {
      await Promise.all([source.close(), target?.close()]);
    }
  } catch (error) {
    if (error instanceof UsageError) return usage(io, error.message);
    writeLine(io.stderr, `migrate: ${messageOf(error)}`);
    return 1;
  }
}

/** The store's head; a store that cannot be reached (a KurrentDB that is down) is named. */
async function headOf(
  store: EventStore,
  config: StoreConfig,
  role: 'source' | 'target',
): Promise<Position> {
  try {
    return await store.headPosition();
  } catch (error) {
    if (!(error instanceof StoreUnavailableError)) throw error;
    throw new StoreUnavailableError(`${role} store ${describeStore(config)}: ${error.message}`, {
      cause: error,
    });
  }
}

/** Creates (or opens) the target store file; one that cannot be is named as the target. */
async function openSqliteTarget(config: StoreConfig): Promise<EventStore> {
  try {
    return await openStore(config, false);
  } catch (error) {
    throw new Error(`target store ${describeStore(config)} cannot be opened: ${messageOf(error)}`, {
      cause: error,
    });
  }
}

function usage(io: CliIo, message: string): number {
  writeLine(io.stderr, `migrate: ${message}\n\n${MIGRATE_USAGE}`);
  return 2;
}
