import { FACE_INK, FACE_VIEW_BOX, faceDrawing } from '@klantreis/shared/diary/face'

// A face per point of the emotion scale (−3 … +3), drawn from the shared description in
// @klantreis/shared/diary/face. Decorative: the word next to it carries the meaning.
export function Face({ value, size = 36 }: { value: number; size?: number }) {
  const face = faceDrawing(value)
  return (
    <svg width={size} height={size} viewBox={FACE_VIEW_BOX} aria-hidden="true" focusable="false" className="face">
      <circle cx="18" cy="18" r="16" fill={face.fill} stroke={FACE_INK} strokeWidth="1.6" />
      {face.brows ? <path d={face.brows} stroke={FACE_INK} strokeWidth="1.6" strokeLinecap="round" /> : null}
      {face.eyes.map((eye) => (
        <circle key={eye.cx} cx={eye.cx} cy={eye.cy} r={eye.r} fill={FACE_INK} />
      ))}
      <path d={face.mouth} fill={face.mouthFill} stroke={FACE_INK} strokeWidth="1.8" strokeLinecap="round" />
    </svg>
  )
}
