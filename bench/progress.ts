/** Progress of long work on stderr: done/total, %, rows/s, ETA. A live line on a TTY, a line every few seconds otherwise. */
export interface Progress {
  add(n: number): void;
  /** Prints the final line; returns the elapsed milliseconds. */
  finish(): number;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export function progress(label: string, total: number): Progress {
  const tty = Boolean(process.stderr.isTTY);
  const started = performance.now();
  let done = 0;
  let lastPrint = 0;

  const line = (final: boolean) => {
    const elapsed = (performance.now() - started) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const pct = total > 0 ? (100 * done) / total : 100;
    const eta = rate > 0 && !final ? ` ETA ${Math.ceil((total - done) / rate)}s` : '';
    const text = `${label}: ${fmt(done)}/${fmt(total)} (${pct.toFixed(1)}%) ${fmt(rate)} rows/s ${elapsed.toFixed(1)}s${eta}`;
    if (tty) process.stderr.write(`\r\x1b[2K${text}${final ? '\n' : ''}`);
    else process.stderr.write(`${text}\n`);
  };

  return {
    add(n) {
      done += n;
      const now = performance.now();
      if (done < total && now - lastPrint >= (tty ? 250 : 5000)) {
        lastPrint = now;
        line(false);
      }
    },
    finish() {
      line(true);
      return performance.now() - started;
    },
  };
}

/** A one-line note on stderr (progress and diagnostics never go to stdout, which carries the table). */
export function note(text: string): void {
  process.stderr.write(`${text}\n`);
}
