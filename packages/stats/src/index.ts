// @klantreis/stats: the server-only statistics (docs/analysis.md §2–§3, §7–§8). Pure functions, no I/O;
// only apps/api depends on this package (the contract package, @klantreis/shared, carries no @stdlib code).

// Inter-coder agreement statistics for the coding workbench.
export { cohensKappa, cohensKappaFromCodes, contingencyTable, percentAgreement } from './agreement.js'
export type { Code, CohensKappaResult, ContingencyTable, PercentAgreementResult } from './agreement.js'
export { fleissKappa } from './fleiss.js'
export type { FleissKappaResult } from './fleiss.js'
export { krippendorffAlpha, MEASUREMENT_LEVELS } from './krippendorff.js'
export type { KrippendorffAlphaResult, MeasurementLevel } from './krippendorff.js'
export { ALPHA_VERDICTS, interpretAlpha, interpretKappa, KAPPA_BANDS } from './interpret.js'
export type { AlphaVerdict, KappaBand } from './interpret.js'

// Verification statistics for survey data (docs/analysis.md §2, §8). Pure functions; the normal, t,
// χ² and beta distributions come from individually pinned @stdlib packages (pure JS, no Node APIs).
export { normalCdf, normalQuantile, normalSf, tCdf, tQuantile, tSf, zCritical } from './distributions.js'
export {
  clopperPearson,
  cohensH,
  cohensHPower,
  cohensHSampleSize,
  mcnemar,
  newcombeDifference,
  sampleSizeForProportion,
  twoProportionZ,
  wilsonInterval,
} from './proportions.js'
export type {
  DifferenceInterval,
  McNemarResult,
  ProportionInterval,
  SampleSizeResult,
  TwoProportionZResult,
} from './proportions.js'
export { NPS_METHODS, npsInterval, npsSampleSize } from './nps.js'
export type { NpsCounts, NpsIntervalResult, NpsMethod } from './nps.js'
export {
  ALTERNATIVES,
  bonettWrightInterval,
  cliffsDelta,
  cliffsMagnitude,
  mannWhitneyU,
  midRanks,
  spearman,
  spearmanFromCounts,
  wilcoxonSignedRank,
} from './ranks.js'
export type {
  Alternative,
  CliffsDeltaResult,
  CorrelationInterval,
  MannWhitneyResult,
  SpearmanResult,
  WilcoxonResult,
} from './ranks.js'
export { welchTTest } from './ttest.js'
export type { WelchTTestResult } from './ttest.js'
export { benjaminiHochberg, holm } from './adjust.js'
export { chiSquareIndependence } from './chisquare.js'
export type { ChiSquareResult } from './chisquare.js'
