/** Progress on stderr: a redrawn bar on a TTY, plain lines (at most every 2 s) otherwise. */

export interface Progress {
  update(done: number, total: number, label?: string): void;
  done(message?: string): void;
}

/** A progress reporter for a task named `name`; silent if `quiet`. */
export function progress(name: string, opts: { quiet?: boolean; stream?: NodeJS.WriteStream } = {}): Progress {
  const out = opts.stream ?? process.stderr;
  const tty = Boolean(out.isTTY);
  const t0 = Date.now();
  let last = 0;
  return {
    update(done, total, label = "") {
      if (opts.quiet) return;
      const now = Date.now();
      if (!tty && now - last < 2000 && done < total) return;
      last = now;
      const frac = total > 0 ? done / total : 0;
      const el = (now - t0) / 1000;
      const eta = frac > 0 ? (el * (1 - frac)) / frac : NaN;
      const etaTxt = Number.isFinite(eta) ? `, ~${eta.toFixed(0)} s left` : "";
      if (tty) {
        const w = 24;
        const fill = Math.round(frac * w);
        out.write(`\r${name} [${"#".repeat(fill)}${".".repeat(w - fill)}] ${(100 * frac).toFixed(0)}% ${label}${etaTxt}   `);
      } else {
        out.write(`${name}: ${done}/${total} ${label} (${el.toFixed(1)} s${etaTxt})\n`);
      }
    },
    done(message) {
      if (opts.quiet) return;
      const el = ((Date.now() - t0) / 1000).toFixed(1);
      out.write(`${tty ? "\r" : ""}${name}: done in ${el} s${message ? " — " + message : ""}${tty ? " ".repeat(30) : ""}\n`);
    },
  };
}
