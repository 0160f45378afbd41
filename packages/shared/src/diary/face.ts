// zod-free and React-free: the drawing of the emotion scale's faces (−3 … +3), which participants
// pick from in the respondent app and analysts see beside each entry. Both apps render this one
// description as SVG, so the two faces cannot drift apart. The mouth bends with the value (negative
// frowns, positive smiles), the colour goes from red to green; the lowest face has brows.

/** The coordinate system every face is drawn in. */
export const FACE_VIEW_BOX = '0 0 36 36'
/** Outline, eyes, brows and mouth. */
export const FACE_INK = '#3b3f44'
const FILLS = ['#f4b6b0', '#f7c9a8', '#fae0a6', '#eceae4', '#d8ecb4', '#bfe3b4', '#a6dcb0']

export type FaceDrawing = {
  /** The face's colour. */
  fill: string | undefined
  /** A path of two slanted brows, or null. */
  brows: string | null
  eyes: { cx: number; cy: number; r: number }[]
  /** The mouth's path; `mouthFill` is 'none' for a curve (a straight mouth has no area to fill). */
  mouth: string
  mouthFill: 'none' | undefined
}

/** The face for an emotion score (an integer from −3 to +3). */
export function faceDrawing(value: number): FaceDrawing {
  const i = Math.max(0, Math.min(6, value + 3))
  const bend = value * 2.2
  const y = value < 0 ? 24 : 22
  const lowest = value <= -3
  return {
    fill: FILLS[i],
    brows: lowest ? 'M9.5 12.5l4 2M26.5 12.5l-4 2' : null,
    eyes: lowest
      ? [
          { cx: 12.5, cy: 16, r: 1.7 },
          { cx: 23.5, cy: 16, r: 1.7 },
        ]
      : [
          { cx: 12.5, cy: 14.5, r: 1.8 },
          { cx: 23.5, cy: 14.5, r: 1.8 },
        ],
    mouth: value === 0 ? 'M12 23h12' : `M11 ${y} Q18 ${y + bend} 25 ${y}`,
    mouthFill: value === 0 ? undefined : 'none',
  }
}
