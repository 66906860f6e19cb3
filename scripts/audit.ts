/**
 * `npm run audit -- <verb>`: history, replay, verify, digest, export and import, run directly
 * on a store (an embedded file or a KurrentDB URL) with the code the API runs.
 */
import { runAuditCli } from '../src/audit/cli/audit-cli.js';

// Every file it writes (stores, exports, digests) is owner-only, as the service's are.
process.umask(0o077);
process.exitCode = await runAuditCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
