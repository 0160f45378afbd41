// zod-free: front ends read these without pulling in validation.

/**
 * The evidence-backed empathy map of a persona: six boxes filled with coded quotes. The survey's
 * empathy-map questionnaire has says/thinks/does/feels/sees/hears; this view keeps the first four
 * and gathers every pain and gain (docs/product.md step 5: each item is a pain or a gain).
 */
export const EMPATHY_MAP_BOXES = ['says', 'thinks', 'does', 'feels', 'pains', 'gains'] as const

/** The coded sources that fill the map; open answers to text questions are not part of it. */
export const EMPATHY_MAP_SOURCES = ['empathy_item', 'diary_entry'] as const

/** The empathy map is read-only and answers with the codes of the study and the persona it is drawn for. */
export const EMPATHY_ERROR_CODES = [] as const
