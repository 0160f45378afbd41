import type { Dashboard } from '@klantreis/shared/dashboard'

export type Touchpoint = Dashboard['touchpoints'][number]

/** The touchpoint is a moment of truth by the researchers' say or by the data's. */
export const isMomentOfTruth = (tp: Touchpoint) => tp.momentOfTruth.designated || tp.momentOfTruth.candidate
