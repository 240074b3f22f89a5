/**
 * A progress bar with an estimate of time left, on stderr when it is a terminal; silent
 * otherwise (logs and pipes stay clean).
 */
import cliProgress from 'cli-progress';

/** A progress reporter: `tick(done)` after each finished run, `stop()` at the end. */
export interface Progress {
  update(done: number): void;
  stop(): void;
}

/** A bar over `total` runs labelled `label`, or a silent reporter when stderr is not a TTY. */
export function progress(label: string, total: number): Progress {
  if (!process.stderr.isTTY || total < 1) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { format: `${label} {bar} {value}/{total} runs | {percentage}% | time left {eta_formatted}`, stream: process.stderr, hideCursor: true, etaBuffer: 20, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    update: (done) => bar.update(done),
    stop: () => bar.stop(),
  };
}
