import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAuditCli } from '../../src/audit/cli/audit-cli.js';
import { countEvents } from '../../src/audit/import/ndjson-import.js';
import { appendChained, Captured, openSqlite, seedStore, tempDir } from './audit-fixtures.js';

/**
 * An export ends with a summary line (events, streams, the digest of the heads, the lines'
 * SHA-256); an import refuses a file whose events do not add up to it, or that has none.
 */
describe('The export summary line', () => {
  let dir: string;
  let cleanup: () => void;
  let file: string;
  let lines: string[];

  beforeEach(async () => {
    ({ dir, cleanup } = tempDir());
    const source = join(dir, 'source.sqlite');
    const store = openSqlite(source);
    await seedStore(store, 3, 4);
    await appendChained(store, 'mission-alone', [{ type: 'Happened', data: { step: 0 } }]);
    await appendChained(store, 'mission-xx-yy-city0', [{ type: 'Happened', data: { step: 4 } }]);
    await store.close();
    file = join(dir, 'export.ndjson');
    expect((await cli('export', '--store', source, '--out', file)).code).toBe(0);
    lines = readFileSync(file, 'utf8').trimEnd().split('\n');
  });
  afterEach(() => cleanup());

  const cli = async (...argv: string[]) => {
    const io = { stdout: new Captured(), stderr: new Captured(), env: { DATA_DIR: dir } };
    const code = await runAuditCli(argv, io);
    return { code, stdout: io.stdout.text, stderr: io.stderr.text };
  };

  const importLines = async (edited: string[], ...options: string[]) => {
    writeFileSync(file, `${edited.join('\n')}\n`);
    return cli('import', file, '--store', join(dir, 'target.sqlite'), ...options);
  };

  const refused = (result: Awaited<ReturnType<typeof cli>>) => {
    expect(result.code).toBe(1);
    expect(result.stdout).not.toMatch(/imported \d+ events/);
    expect(result.stderr).toMatch(/nothing was imported; .*target.sqlite is as it was/);
    expect(readdirSync(dir).filter((f) => f.startsWith('target.sqlite'))).toEqual([]);
  };

  const lineOf = (stream: string, revision: number) =>
    lines.findIndex((l) => l.includes(`"stream":"${stream}","revision":${revision},`));

  it('ends the export with the events, streams, digest of the heads and lines’ hash', async () => {
    const summary = JSON.parse(lines[lines.length - 1]);
    expect(summary).toEqual({
      exportSummary: {
        events: 14,
        streams: 4,
        digest: expect.stringMatching(/^[0-9a-f]{64}$/),
        linesSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    });
    // The digest is the store's, as `digest` (and GET /api/audit/digest) computes it.
    const digestFile = join(dir, 'digest.json');
    await cli('digest', '--store', join(dir, 'source.sqlite'), '--out', digestFile);
    expect(summary.exportSummary.digest).toBe(JSON.parse(readFileSync(digestFile, 'utf8')).digest);
  });

  it('imports a whole export and says so', async () => {
    const result = await importLines(lines);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^imported 14 events into .*target.sqlite\nOK: 14 events/);
    expect(existsSync(join(dir, 'target.sqlite'))).toBe(true);
  });

  it('counts the events in its progress, not the summary line, also in a file cut short', async () => {
    const whole = await importLines(lines);
    expect(whole.stderr).toMatch(/^import: 14 events in /m);
    expect(whole.stderr).toMatch(/^verify: 14 events in /m);
    rmSync(join(dir, 'target.sqlite'));
    const cut = await importLines(lines.slice(0, 9), '--without-summary');
    expect(cut.stderr).toMatch(/^import: 9 events in /m);
    expect(cut.stderr).toMatch(/^verify: 9 events in /m);
  });

  it('counts the events a file holds for the progress’s total: not blank lines, not the summary line', async () => {
    writeFileSync(file, `${lines.join('\n')}\n\n`);
    expect(await countEvents(file)).toBe(14);
    writeFileSync(file, lines.slice(0, 9).join('\n'));
    expect(await countEvents(file)).toBe(9);
    writeFileSync(file, `${lines.slice(0, 9).join('\n')}\n${lines[9].slice(0, 40)}`);
    expect(await countEvents(file)).toBe(10);
    writeFileSync(file, '');
    expect(await countEvents(file)).toBe(0);
  });

  it.each([
    [
      'lines of spaces among its events',
      (all: string[]) =>
        [...all.slice(0, 5), ...Array<string>(300).fill('   '), ...all.slice(5)].join('\n'),
    ],
    ['CRLF line ends and blank CRLF lines', (all: string[]) => `${all.join('\r\n\r\n')}\r\n`],
    [
      'over 1 KiB of whitespace after its summary line',
      (all: string[]) => `${all.join('\n')}\n${' '.repeat(2048)}`,
    ],
    ['a tab-and-space line after its summary line', (all: string[]) => `${all.join('\n')}\n \t \n`],
  ])(
    'given an export with %s, then the progress’s total is the events the import imports',
    async (_, content) => {
      writeFileSync(file, content(lines));
      expect(await countEvents(file)).toBe(14);
      const result = await cli('import', file, '--store', join(dir, 'target.sqlite'));
      expect(result.stdout).toMatch(/^imported 14 events/);
    },
  );

  it('refuses a file missing a stream’s last event, taken from the middle of the file', async () => {
    const at = lineOf('mission-xx-yy-city1', 3);
    expect(at).toBeLessThan(lines.length - 3);
    const result = await importLines(lines.filter((_, i) => i !== at));
    refused(result);
    expect(result.stdout).toMatch(/OK: 13 events/);
    expect(result.stdout).toMatch(
      /INCOMPLETE: the summary line counts 14 events, the file holds 13: events are missing from it/,
    );
  });

  it('refuses a file missing the only event of a stream', async () => {
    const result = await importLines(lines.filter((_, i) => i !== lineOf('mission-alone', 0)));
    refused(result);
    expect(result.stdout).toMatch(/INCOMPLETE: .*events are missing from it/);
  });

  it('refuses a file whose event count was made to match but whose heads do not', async () => {
    const summary = JSON.parse(lines[lines.length - 1]);
    summary.exportSummary.events = 13;
    const edited = lines.filter((_, i) => i !== lineOf('mission-xx-yy-city2', 3));
    edited[edited.length - 1] = JSON.stringify(summary);
    const result = await importLines(edited);
    refused(result);
    expect(result.stdout).toMatch(/INCOMPLETE: the streams’ heads do not hash/);
  });

  it('refuses a file whose event ids were changed, which no chain covers', async () => {
    const edited = [...lines];
    edited[2] = edited[2].replace(/"id":"[^"]+"/, '"id":"00000000-0000-4000-8000-000000000000"');
    const result = await importLines(edited);
    refused(result);
    expect(result.stdout).toMatch(/OK: 14 events/);
    expect(result.stdout).toMatch(/INCOMPLETE: the event lines do not hash to the summary/);
  });

  it('refuses a file cut short, and a line after the summary', async () => {
    const cut = await importLines(lines.slice(0, 9));
    refused(cut);
    expect(cut.stderr).toMatch(/does not end with an export summary line: it was cut short/);
    const after = await importLines([...lines, lines[0]]);
    refused(after);
    expect(after.stderr).toMatch(/line 16: a line after the export summary line/);
  });

  it('imports an export made before the summary line only when asked to, and warns', async () => {
    const old = lines.slice(0, -1);
    refused(await importLines(old));
    const accepted = await importLines(old, '--without-summary');
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toMatch(/^imported 14 events/);
    expect(accepted.stderr).toMatch(
      /WARNING: .* has no export summary line: .*a missing event at a stream’s end, a missing stream or a file cut short cannot be noticed/,
    );
    expect(existsSync(join(dir, 'target.sqlite'))).toBe(true);
  });
});
