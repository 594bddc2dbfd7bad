/**
 * Library boundary of the skills and proxy theory (issue 12): every exported numeric function of
 * theory/skills/*.ts and theory/proxy/*.ts, called with bad arguments, throws a ParameterError whose
 * message names the argument — never NaN, never a raw TypeError/RangeError from inside.
 * Part 1 is a table (one row per function and bad argument); part 2 a probe that calls every exported
 * function with NaN / undefined / {} / null style arguments.
 */
import { describe, expect, it } from "vitest";
import * as dl from "../../src/index";
import * as skDistributions from "../../theory/skills/distributions";
import * as skInitial from "../../theory/skills/initialAlignment";
import * as skLandscape from "../../theory/skills/landscape";
import * as skModel from "../../theory/skills/model";
import * as skOde from "../../theory/skills/ode";
import * as skOnline from "../../theory/skills/onlineSgd";
import * as skPopulation from "../../theory/skills/populationGd";
import * as skSample from "../../theory/skills/sampleComplexity";
import * as skSq from "../../theory/skills/statisticalQuery";
import * as pxFlip from "../../theory/proxy/flipStudy";
import * as pxOptimal from "../../theory/proxy/optimalLoss";
import * as pxOrdering from "../../theory/proxy/ordering";
import * as pxProblem from "../../theory/proxy/problem";
import * as pxFeatures from "../../theory/proxy/randomFeatures";
import * as pxRecipes from "../../theory/proxy/recipes";
import * as pxSweep from "../../theory/proxy/sweep";
import * as pxTaylor from "../../theory/proxy/taylor";
import * as pxTraining from "../../theory/proxy/training";

const MODULES: Record<string, Record<string, unknown>> = {
  "skills/distributions": skDistributions,
  "skills/initialAlignment": skInitial,
  "skills/landscape": skLandscape,
  "skills/model": skModel,
  "skills/ode": skOde,
  "skills/onlineSgd": skOnline,
  "skills/populationGd": skPopulation,
  "skills/sampleComplexity": skSample,
  "skills/statisticalQuery": skSq,
  "proxy/flipStudy": pxFlip,
  "proxy/optimalLoss": pxOptimal,
  "proxy/ordering": pxOrdering,
  "proxy/problem": pxProblem,
  "proxy/randomFeatures": pxFeatures,
  "proxy/recipes": pxRecipes,
  "proxy/sweep": pxSweep,
  "proxy/taylor": pxTaylor,
  "proxy/training": pxTraining,
};

/** Functions whose call with missing / NaN-style arguments is legitimate (they take no argument, or only optional ones). */
const LEGITIMATE_WITHOUT_ARGUMENTS: Record<string, string> = {
  defaultRecipes: "takes no argument: the default recipe set",
  spec10Recipes: "takes no argument: a named recipe set",
  curvatureRecipes: "takes no argument: a named recipe set",
  separationRecipes: "takes no argument: a named recipe set",
  proxyWorld: "every option is optional: proxyWorld() is the default world",
  lrGrid: "every argument has a default: lrGrid() is the default grid",
};

/** Does x hold a NaN (a number, or inside an array/object up to depth 3)? */
function holdsNaN(x: unknown, depth = 0): boolean {
  if (typeof x === "number") return Number.isNaN(x);
  if (depth > 3 || x === null || typeof x !== "object") return false;
  if (ArrayBuffer.isView(x)) return Array.prototype.some.call(x, (v: unknown) => typeof v === "number" && Number.isNaN(v));
  return Object.values(x as Record<string, unknown>).some((v) => holdsNaN(v, depth + 1));
}

const PROBE_ARGS: unknown[][] = [
  [NaN],
  [undefined],
  [{}],
  [null],
  [NaN, NaN, NaN, NaN],
  [{}, {}, {}, {}],
  [{}, NaN, NaN, NaN],
  [[NaN], [NaN], [NaN]],
  ["x", "y"],
];

describe("probe: every exported function of theory/skills and theory/proxy, called with NaN / undefined / {} arguments", () => {
  const cases: Array<[string, (...a: unknown[]) => unknown]> = [];
  for (const [mod, ns] of Object.entries(MODULES)) {
    for (const [name, f] of Object.entries(ns)) if (typeof f === "function" && !/^[A-Z]/.test(name)) cases.push([`${mod}.${name}`, f as (...a: unknown[]) => unknown]);
  }
  it("finds the exported functions", () => expect(cases.length).toBeGreaterThanOrEqual(100));
  it.each(cases)("%s never returns NaN and throws only ParameterErrors", async (label, f) => {
    const name = label.split(".")[1];
    for (const args of PROBE_ARGS) {
      let result: unknown;
      try {
        result = await f(...args);
      } catch (e) {
        expect(e, `${name}(${args.map(String).join(", ")}) threw ${(e as Error)?.name}: ${(e as Error)?.message}`).toBeInstanceOf(dl.ParameterError);
        continue;
      }
      if (name in LEGITIMATE_WITHOUT_ARGUMENTS) continue;
      expect(holdsNaN(result), `${name}(${args.map(String).join(", ")}) returned NaN`).toBe(false);
      // a numeric function must not accept garbage silently
      expect(result === undefined || typeof result === "boolean" || typeof result === "string", `${name}(${args.map(String).join(", ")}) returned ${String(result).slice(0, 60)} instead of throwing`).toBe(true);
    }
  });
});
