/**
 * The figures' font, shipped with the package: Inter (SIL Open Font License 1.1, npm
 * `@fontsource/inter`), embedded as base64 woff2 `@font-face` rules wherever a figure is drawn — the
 * Chromium page that exports PNG/SVG/PDF, the SVG files themselves, the interactive pages and notebook
 * outputs — so a figure looks the same on every machine instead of falling back to whatever sans-serif
 * is installed. Subsets: Latin, Latin Extended and Greek (η, α, λ, σ …), weights 400 and 700; each rule
 * carries its unicode-range, so a browser uses it only for the characters it covers (mathematical
 * symbols outside these subsets, such as ≈ or ∝, come from the system's fallback font).
 */
import * as fs from "fs";
import * as path from "path";

/** The subsets and weights embedded. */
const SUBSETS = ["latin", "latin-ext", "greek"] as const;
const WEIGHTS = [400, 700] as const;
type Subset = (typeof SUBSETS)[number];

/** Characters that need a subset beyond Latin (a figure that has none does not carry it). */
const NEEDS: Record<Subset, RegExp> = {
  latin: /[\s\S]/,
  "latin-ext": /[\u0100-\u02ba\u1e00-\u1eff]/,
  greek: /[\u0370-\u03ff]/,
};

interface Face {
  subset: Subset;
  weight: number;
  range: string;
  file: string;
}

let facesCache: Face[] | null = null;
const dataCache = new Map<string, string>();

/** The folder of the installed `@fontsource/inter` package. */
function fontsourceDir(): string {
  return path.dirname(require.resolve("@fontsource/inter/package.json"));
}

/** The @font-face entries of the package's CSS for the embedded subsets and weights. */
function faces(): Face[] {
  if (facesCache) return facesCache;
  const dir = fontsourceDir();
  const out: Face[] = [];
  for (const weight of WEIGHTS) {
    const css = fs.readFileSync(path.join(dir, `${weight}.css`), "utf8");
    for (const block of css.split("@font-face").slice(1)) {
      const file = /url\(\.\/files\/(inter-([a-z-]+)-\d+-normal\.woff2)\)/.exec(block);
      const range = /unicode-range:\s*([^;]+);/.exec(block);
      if (!file || !range) continue;
      const subset = file[2] as Subset;
      if (!(SUBSETS as readonly string[]).includes(subset)) continue;
      out.push({ subset, weight, range: range[1].trim(), file: path.join(dir, "files", file[1]) });
    }
  }
  if (out.length !== SUBSETS.length * WEIGHTS.length) throw new Error(`@fontsource/inter: expected ${SUBSETS.length * WEIGHTS.length} font files, found ${out.length} (package layout changed?)`);
  facesCache = out;
  return out;
}

function dataUrl(file: string): string {
  let url = dataCache.get(file);
  if (url === undefined) {
    url = `data:font/woff2;base64,${fs.readFileSync(file).toString("base64")}`;
    dataCache.set(file, url);
  }
  return url;
}

/**
 * `@font-face` rules for Inter with the fonts inlined. With `forText`, only the subsets and weights
 * that text needs (a bold weight only if it mentions one), so an SVG carries what it uses.
 */
export function fontFaceCss(forText?: string): string {
  const bold = forText === undefined || /font-weight:\s*(bold|[6-9]00)/.test(forText);
  return faces()
    .filter((f) => forText === undefined || (NEEDS[f.subset].test(forText) && (f.weight === 400 || bold)))
    .map((f) => `@font-face{font-family:'Inter';font-style:normal;font-weight:${f.weight};src:url(${dataUrl(f.file)}) format('woff2');unicode-range:${f.range};}`)
    .join("\n");
}

/** An SVG with the font rules it needs embedded (in a `<style>` right after the root element opens). */
export function embedFontInSvg(svg: string): string {
  const open = /<svg\b[^>]*>/.exec(svg);
  if (!open) return svg;
  const at = open.index + open[0].length;
  return `${svg.slice(0, at)}<style>${fontFaceCss(svg)}</style>${svg.slice(at)}`;
}
