import type { DestinationStream } from 'pino';
import sonicBoom from 'sonic-boom';

const { SonicBoom } = sonicBoom;

/** Log bytes held while stdout does not keep up; beyond them lines are dropped, not queued. */
const MAX_UNWRITTEN_LOG_BYTES = 16 * 1024 * 1024;

/**
 * Bytes per write to stdout. The destination (sonic-boom) appends each line to the text
 * gathered for the next write and measures that whole text again per line: with its 16 KiB
 * default, ~5.6 KB of garbage per request under load; 4 KiB still writes a dozen lines at once.
 */
const LOG_WRITE_BYTES = 4096;

/**
 * Writes stdout refuses for now (EAGAIN), 100 ms apart, that the last flush at exit waits
 * through before it gives up the lines left: a stdout nobody reads must not keep the process.
 */
const EXIT_WRITE_TRIES = 20;

/** The one way to stdout of this process: every logger shares it, and its flush at exit. */
let stdout: DestinationStream | undefined;

/**
 * The logs' way to stdout: written asynchronously (the write leaves the request's path; lines
 * written meanwhile go out together) and flushed synchronously when the process exits, so only
 * a SIGKILL can lose the last lines. A stdout that stops reading costs at most
 * MAX_UNWRITTEN_LOG_BYTES of memory; one whose reader is gone (EPIPE: `| head`) ends the
 * logging, and lines are dropped from then on, at exit too, where the flush would otherwise
 * wait for it for ever.
 */
export function stdoutDestination(): DestinationStream {
  stdout ??= openStdout();
  return stdout;
}

function openStdout(): DestinationStream {
  let exiting = false;
  let refusedAtExit = 0;
  const boom = new SonicBoom({
    fd: 1,
    sync: false,
    maxLength: MAX_UNWRITTEN_LOG_BYTES,
    maxWrite: LOG_WRITE_BYTES,
    retryEAGAIN: () => !exiting || ++refusedAtExit <= EXIT_WRITE_TRIES,
  });
  let open = true;
  boom.on('error', () => {
    open = false;
  });
  process.once('exit', () => {
    if (!open) return;
    exiting = true;
    try {
      boom.flushSync();
    } catch {
      // stdout is gone or stuck: the lines left cannot be written.
    }
  });
  return {
    write(line: string) {
      if (open) boom.write(line);
    },
  };
}
