import { once } from 'node:events';

/** What a CLI run writes to and reads its defaults from (process.* in scripts/, buffers in tests). */
export interface CliIo {
  readonly stdout: CliOutput;
  readonly stderr: CliOutput;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface CliOutput {
  write(text: string): boolean;
  once(event: 'drain', listener: () => void): unknown;
  readonly isTTY?: boolean;
}

/** A usage error: the message says what was wrong; exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Writes a chunk, waiting for the output to drain when it asks to (large exports). */
export async function writeChunk(out: CliOutput, text: string): Promise<void> {
  if (!out.write(text)) await once(out as unknown as NodeJS.EventEmitter, 'drain');
}

export function writeLine(out: CliOutput, text = ''): void {
  out.write(`${text}\n`);
}
