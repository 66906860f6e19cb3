/** What the reference servers of `npm run bench:api` share: their port, and how they stop. */

/** The port from $PORT; exits 2 when it is missing or not a port. */
export function portFromEnv(name: string): number {
  const port = Number(process.env.PORT);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    process.stderr.write(`${name}: set PORT\n`);
    process.exit(2);
  }
  return port;
}

/** On SIGTERM or SIGINT: close, then exit 0 (or 1 when closing failed). */
export function closeOnSignals(close: () => Promise<unknown>): void {
  const stop = () => {
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
