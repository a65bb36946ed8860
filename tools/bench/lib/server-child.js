// The child side of the bench servers (app-server.js, me-vs-bare-server.js): run until the parent says stop.

/**
 * Runs `main`, then serves until the parent sends 'stop' or goes away; closes what `closers` holds (in order),
 * then exits. A failed `main` is reported on stderr as `<name> failed` and exits 1.
 */
export function serveUntilStopped(name, closers, main) {
  const stop = async (code) => {
    for (const close of closers) await close().catch(() => undefined);
    process.exit(code);
  };
  process.on('message', (message) => {
    if (message === 'stop') void stop(0);
  });
  process.on('disconnect', () => void stop(0));
  main().catch((error) => {
    process.stderr.write(`${name} failed: ${error?.stack ?? error}\n`);
    void stop(1);
  });
}
