/**
 * Command-line parsing for `datalaws`: `--flag value` pairs, boolean flags, comma-separated lists,
 * numbers in exponent notation, `inf`. Every bad value is a `ParameterError` naming the flag.
 */
import { ParameterError, requireInteger, requireNumber, type Bounds } from "../core/validate";

/** Parsed arguments: positionals and flag values (a flag without a value maps to "true"). */
export class Args {
  readonly positional: string[] = [];
  private readonly flags = new Map<string, string>();
  private readonly used = new Set<string>();

  constructor(argv: string[], booleanFlags: readonly string[] = ["json", "help", "skip-transformers", "no-figures"]) {
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i];
      if (a.startsWith("--")) {
        const eq = a.indexOf("=");
        const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
        if (eq > 0) this.flags.set(name, a.slice(eq + 1));
        else if (booleanFlags.includes(name)) this.flags.set(name, "true");
        else {
          const v = argv[i + 1];
          if (v === undefined || (v.startsWith("--") && !/^--?\d/.test(v))) {
            throw new ParameterError(`--${name}`, "(missing)", "followed by a value");
          }
          this.flags.set(name, v);
          i++;
        }
      } else this.positional.push(a);
    }
  }

  has(name: string): boolean {
    this.used.add(name);
    return this.flags.has(name);
  }

  bool(name: string): boolean {
    this.used.add(name);
    return this.flags.get(name) === "true";
  }

  string(name: string, fallback?: string): string {
    this.used.add(name);
    const v = this.flags.get(name) ?? fallback;
    if (v === undefined) throw new ParameterError(`--${name}`, "(missing)", "given");
    return v;
  }

  optionalString(name: string): string | undefined {
    this.used.add(name);
    return this.flags.get(name);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback?: T): T {
    const v = this.string(name, fallback);
    if (!(allowed as readonly string[]).includes(v)) throw new ParameterError(`--${name}`, v, `one of ${allowed.join(", ")}`);
    return v as T;
  }

  number(name: string, fallback: number | undefined, b: Bounds = {}): number {
    this.used.add(name);
    const raw = this.flags.get(name);
    if (raw === undefined) {
      if (fallback === undefined) throw new ParameterError(`--${name}`, "(missing)", "given");
      return fallback;
    }
    return requireNumber(`--${name}`, parseNumber(`--${name}`, raw), b);
  }

  integer(name: string, fallback: number | undefined, b: Bounds = {}): number {
    const v = this.number(name, fallback, { ...b, allowInfinity: false });
    return requireInteger(`--${name}`, v, b);
  }

  /** Comma-separated numbers (each within bounds); `inf` allowed if bounds.allowInfinity. */
  list(name: string, fallback: string | undefined, b: Bounds = {}, integer = false): number[] {
    const raw = this.string(name, fallback);
    const parts = raw.split(",").map((s) => s.trim());
    if (parts.length === 0 || parts.some((s) => s === "")) {
      throw new ParameterError(`--${name}`, raw, "a comma-separated list of numbers, e.g. 1e3,1e4");
    }
    return parts.map((s, i) => {
      const v = parseNumber(`--${name}[${i}]`, s);
      return integer ? requireInteger(`--${name}`, v, b) : requireNumber(`--${name}`, v, b);
    });
  }

  /** Flags given but never read: a typo guard. */
  unknownFlags(): string[] {
    return [...this.flags.keys()].filter((k) => !this.used.has(k));
  }
}

/** Parse a number: decimal, exponent notation (1e6), or inf/infinity. */
export function parseNumber(name: string, s: string): number {
  const t = s.trim().toLowerCase();
  if (t === "inf" || t === "infinity" || t === "∞") return Infinity;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/.test(t)) throw new ParameterError(name, s, "a number (e.g. 1000, 1e3, 0.5, inf)");
  return Number(t);
}
