import { EMOTION_MAX, EMOTION_MIN } from '@klantreis/shared/diary/constants'
import { Face } from './face'

const VALUES = Array.from({ length: EMOTION_MAX - EMOTION_MIN + 1 }, (_, i) => EMOTION_MIN + i)
export const signed = (v: number) => (v > 0 ? `+${v}` : v < 0 ? `−${-v}` : '0')

/**
 * The emotion scale as a native radio group: arrow keys move between the faces, a screen reader
 * reads "Good, +2, radio button, 6 of 7" inside the group "How did it feel?".
 */
export function EmotionScale(props: {
  legend: string
  words: readonly string[]
  value: number | null
  onChange: (v: number) => void
  required: boolean
  optionalText: string
  error: string | null
  id: string
}) {
  const errId = `${props.id}-error`
  return (
    <fieldset className="field" id={props.id} aria-describedby={props.error ? errId : undefined}>
      <legend>
        {props.legend}
        {!props.required && <span className="opt"> ({props.optionalText})</span>}
      </legend>
      {props.error && (
        <p className="field-error" id={errId}>
          {props.error}
        </p>
      )}
      <div className="scale">
        {VALUES.map((v, i) => (
          <label key={v} className="scale-option">
            <input
              type="radio"
              name="emotion"
              value={v}
              checked={props.value === v}
              onChange={() => props.onChange(v)}
              aria-invalid={props.error ? true : undefined}
            />
            <Face value={v} />
            <span className="scale-word">{props.words[i]}</span>
            <span className="scale-num">{signed(v)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  )
}
