// Inter-coder agreement statistics for the coding workbench (analysis.md §3, §7–§8).
// Pure functions, no I/O and no dependencies: usable in the API and in the analyst bundle.
export { cohensKappa, cohensKappaFromCodes, contingencyTable, percentAgreement } from './agreement.js'
export type { Code, CohensKappaResult, ContingencyTable, PercentAgreementResult } from './agreement.js'
export { fleissKappa } from './fleiss.js'
export type { FleissKappaResult } from './fleiss.js'
export { krippendorffAlpha, MEASUREMENT_LEVELS } from './krippendorff.js'
export type { KrippendorffAlphaResult, MeasurementLevel } from './krippendorff.js'
export { ALPHA_VERDICTS, interpretAlpha, interpretKappa, KAPPA_BANDS } from './interpret.js'
export type { AlphaVerdict, KappaBand } from './interpret.js'
