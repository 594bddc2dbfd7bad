import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { MUENNIGHOFF_RSTAR, PAPER_LLM_SATURATION_FIT, PAPER_ZIPF_PLATEAU_FIT, thm52PlateauExponent } from "../../../theory/reuse/asymptotics";

// The constants used in code must be the numbers recorded, with their citation, in data/reference.
const ref = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../../data/reference/reuse.json"), "utf8"));

describe("paper numbers", () => {
  it("code constants equal data/reference/reuse.json", () => {
    expect(PAPER_ZIPF_PLATEAU_FIT.coefficient).toBe(ref.numbers.zipf_plateau_fit.coefficient);
    expect(PAPER_ZIPF_PLATEAU_FIT.exponent).toBe(ref.numbers.zipf_plateau_fit.exponent);
    expect(PAPER_LLM_SATURATION_FIT.slope).toBe(ref.numbers.llm_saturation_fit.slope);
    expect(PAPER_LLM_SATURATION_FIT.intercept).toBe(ref.numbers.llm_saturation_fit.intercept);
    expect(MUENNIGHOFF_RSTAR).toBe(ref.comparator.R_star_D);
    expect(thm52PlateauExponent(4.5, 1)).toBeCloseTo(ref.numbers.zipf_plateau_exponent_theory["value_at_a4.5_b1"], 14);
  });
});
