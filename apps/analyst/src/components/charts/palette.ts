// The charts' colours in one place. Recharts draws SVG presentation attributes, which take no
// var(--…), so the values are hex; where styles.css has a token for the same colour, the value is
// that token's (named beside it) and the two must change together.

/** Axis tick text (--c-muted). */
export const AXIS_TEXT = '#4a5568'
/** Grid lines (--c-border). */
export const GRID = '#d3d9e2'
/** The IPA matrix's lighter grid. */
export const GRID_LIGHT = '#e2e7ee'
/** Zero lines and axis lines (--c-border-strong). */
export const AXIS_LINE = '#8a96a8'
/** Axis titles. */
export const AXIS_TITLE = '#374151'
/** Numbers printed beside bars. */
export const LABEL = '#1f2937'
/** Rings, whiskers and labels on light bars. */
export const INK = '#111827'
/** Labels on dark bars, and the halo behind labels over lines. */
export const WHITE = '#fff'

/** The primary series: a survey's answers, experienced emotion, a CSAT above the basic level (--c-primary). */
export const PRIMARY = '#1d4f7c'
// The diverging pair: red-orange and teal also read for red-green colour blindness; the legend and
// table carry the words.
export const PAIN = '#c0392b'
export const GAIN = '#0f766e'
export const PAIN_LIGHT = '#e8a49c'
export const GAIN_LIGHT = '#8cc7bf'
/** The second series beside PRIMARY: remembered emotion, the "overkill" quadrant. */
export const SECONDARY = '#b45309'
/** A CSAT below the basic level, and its line. */
export const BELOW = '#c2410c'
/** NPS passives. */
export const PASSIVE = '#94a3b8'
/** Touchpoints no quadrant claims. */
export const UNCLASSIFIED = '#9ca3af'
// the journey model's moment-of-truth colours (--c-mot, and a band darker than --c-mot-soft so it
// stands out on the curve)
export const MOMENT = '#7a4d00'
export const MOMENT_BAND = '#f2b925'

/** The tick style every chart's axes share. */
export const AXIS = { fontSize: 12, fill: AXIS_TEXT }
