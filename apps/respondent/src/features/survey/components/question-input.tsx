// One questionnaire question as native form controls: scales and choices are radio groups
// (arrow keys, "3, radio button, 3 of 5" in a screen reader), texts are labelled fields.
import type {
  Answer,
  EmpathyItem,
  EmpathyMapAnswer,
  MultipleChoiceAnswer,
  Question,
  QuestionOf,
} from '@klantreis/shared/surveys'
import { type EmpathyBox as EmpathyBoxName, scaleBounds, type ScaleType } from '@klantreis/shared/surveys/constants'
import { useId, useState } from 'react'
import { useUi } from '../../../lib/context'
import { Face } from '../../../components/face'

type Tx = (x: Partial<Record<string, string>> | undefined) => string
type Props = {
  q: Question
  value: unknown
  /** delay: how long to wait before saving (typing waits, a click saves at once) */
  onChange: (v: Answer | null, delay: number) => void
  onBlur: () => void
  error: string | null
  tx: Tx
}

const signed = (v: number) => (v > 0 ? `+${v}` : v < 0 ? `−${-v}` : '0')

export function QuestionInput(props: Props) {
  const { q } = props
  switch (q.type) {
    case 'nps':
    case 'csat':
    case 'ces':
    case 'likert':
    case 'rating':
    case 'emotion':
      return <ScaleInput {...props} q={q} />
    case 'single_choice':
      return <SingleInput {...props} q={q} />
    case 'multiple_choice':
      return <MultiInput {...props} q={q} />
    case 'short_text':
    case 'long_text':
      return <TextInput {...props} q={q} />
    case 'empathy_map':
      return <EmpathyInput {...props} q={q} />
  }
}

/** The legend, optional marker, help text and error of a question; ids for aria-describedby. */
function useQuestionFrame(props: Props) {
  const { t } = useUi()
  const id = useId()
  const helpId = `${id}-help`
  const errId = `${id}-error`
  const help = props.tx(props.q.help)
  const describedBy = [props.error ? errId : '', help ? helpId : ''].filter(Boolean).join(' ') || undefined
  const label = (
    <>
      {props.tx(props.q.text)}
      {!props.q.required && <span className="opt"> ({t.optional})</span>}
    </>
  )
  const extras = (
    <>
      {help && (
        <p className="help" id={helpId}>
          {help}
        </p>
      )}
      {props.error && (
        <p className="field-error" id={errId}>
          {props.error}
        </p>
      )}
    </>
  )
  return { id, label, extras, describedBy, invalid: props.error ? true : undefined }
}

function ScaleInput(props: Props & { q: QuestionOf<ScaleType> }) {
  const { t } = useUi()
  const f = useQuestionFrame(props)
  const { min, max } = scaleBounds(props.q)
  const values = Array.from({ length: max - min + 1 }, (_, i) => min + i)
  const emotion = props.q.type === 'emotion'
  const anchors = props.q.type === 'likert' ? props.q.anchors : undefined
  return (
    <fieldset className="field question" aria-describedby={f.describedBy}>
      <legend>{f.label}</legend>
      {f.extras}
      <div className={`rscale${emotion ? ' rscale-faces' : ''}${values.length > 7 ? ' rscale-wide' : ''}`}>
        {values.map((v, i) => (
          <label key={v} className={emotion ? 'scale-option' : 'rscale-option'}>
            <input
              type="radio"
              name={f.id}
              value={v}
              checked={props.value === v}
              onChange={() => props.onChange(v, 0)}
              aria-invalid={f.invalid}
            />
            {emotion ? (
              <>
                <Face value={v} />
                <span className="scale-word">{t.emotions[i]}</span>
                <span className="scale-num">{signed(v)}</span>
              </>
            ) : (
              <span>{v}</span>
            )}
          </label>
        ))}
      </div>
      {anchors && (
        <p className="anchors" aria-hidden="true">
          <span>{props.tx(anchors.low)}</span>
          <span>{props.tx(anchors.high)}</span>
        </p>
      )}
    </fieldset>
  )
}

function SingleInput(props: Props & { q: QuestionOf<'single_choice'> }) {
  const f = useQuestionFrame(props)
  return (
    <fieldset className="field question" aria-describedby={f.describedBy}>
      <legend>{f.label}</legend>
      {f.extras}
      {props.q.options.map((o) => (
        <label key={o.id} className="choice">
          <input
            type="radio"
            name={f.id}
            value={o.id}
            checked={props.value === o.id}
            onChange={() => props.onChange(o.id, 0)}
            aria-invalid={f.invalid}
          />
          <span>{props.tx(o.text)}</span>
        </label>
      ))}
    </fieldset>
  )
}

function MultiInput(props: Props & { q: QuestionOf<'multiple_choice'> }) {
  const { t } = useUi()
  const f = useQuestionFrame(props)
  const v = (props.value as MultipleChoiceAnswer | undefined) ?? { selected: [] }
  const otherOn = v.other !== undefined
  const emit = (n: MultipleChoiceAnswer, delay = 0) =>
    props.onChange(n.selected.length || n.other !== undefined ? n : null, delay)
  return (
    <fieldset className="field question" aria-describedby={f.describedBy}>
      <legend>{f.label}</legend>
      {f.extras}
      {props.q.options.map((o) => (
        <label key={o.id} className="choice">
          <input
            type="checkbox"
            checked={v.selected.includes(o.id)}
            onChange={(e) =>
              emit({ ...v, selected: e.target.checked ? [...v.selected, o.id] : v.selected.filter((s) => s !== o.id) })
            }
          />
          <span>{props.tx(o.text)}</span>
        </label>
      ))}
      {props.q.allowOther && (
        <>
          <label className="choice">
            <input
              type="checkbox"
              checked={otherOn}
              onChange={(e) => emit(e.target.checked ? { ...v, other: '' } : { selected: v.selected })}
            />
            <span>{t.otherOption}</span>
          </label>
          {otherOn && (
            <div className="subfield">
              <label htmlFor={`${f.id}-other`}>{t.otherDescribe}</label>
              <input
                id={`${f.id}-other`}
                type="text"
                maxLength={500}
                value={v.other ?? ''}
                onChange={(e) => emit({ ...v, other: e.target.value }, 800)}
                onBlur={props.onBlur}
              />
            </div>
          )}
        </>
      )}
    </fieldset>
  )
}

function TextInput(props: Props & { q: QuestionOf<'short_text' | 'long_text'> }) {
  const f = useQuestionFrame(props)
  const common = {
    id: f.id,
    value: typeof props.value === 'string' ? props.value : '',
    maxLength: props.q.maxLength,
    'aria-describedby': f.describedBy,
    'aria-invalid': f.invalid,
    onBlur: props.onBlur,
  }
  return (
    <div className="field question">
      <label htmlFor={f.id}>{f.label}</label>
      {f.extras}
      {props.q.type === 'long_text' ? (
        <textarea {...common} rows={6} onChange={(e) => props.onChange(e.target.value || null, 800)} />
      ) : (
        <input type="text" {...common} onChange={(e) => props.onChange(e.target.value || null, 800)} />
      )}
    </div>
  )
}

function EmpathyInput(props: Props & { q: QuestionOf<'empathy_map'> }) {
  const f = useQuestionFrame(props)
  const items = ((props.value as EmpathyMapAnswer | undefined)?.items ?? []) as EmpathyItem[]
  const set = (next: EmpathyItem[]) => props.onChange(next.length ? { items: next } : null, 0)
  return (
    <fieldset className="field question empathy" aria-describedby={f.describedBy}>
      <legend>{f.label}</legend>
      {f.extras}
      <div className="emp-grid">
        {props.q.boxes.map((box) => (
          <EmpathyBox
            key={box}
            box={box}
            max={props.q.maxItemsPerBox}
            items={items.filter((it) => it.box === box)}
            onAdd={(it) => set([...items, it])}
            onRemove={(it) => set(items.filter((x) => x !== it))}
          />
        ))}
      </div>
    </fieldset>
  )
}

function EmpathyBox(props: {
  box: EmpathyBoxName
  max: number
  items: EmpathyItem[]
  onAdd: (it: EmpathyItem) => void
  onRemove: (it: EmpathyItem) => void
}) {
  const { t } = useUi()
  const id = useId()
  const [text, setText] = useState('')
  const [valence, setValence] = useState<'pain' | 'gain' | null>(null)
  const [err, setErr] = useState<string | null>(null)
  const name = t.boxes[props.box] ?? props.box
  const full = props.items.length >= props.max
  const add = (e: React.FormEvent) => {
    e.preventDefault()
    if (!text.trim()) return setErr(t.itemEmpty)
    if (!valence) return setErr(t.itemValence)
    if (full) return setErr(t.itemFull(props.max))
    props.onAdd({ box: props.box, text: text.trim(), valence })
    setText('')
    setValence(null)
    setErr(null)
  }
  return (
    <section className={`emp-box emp-${props.box}`} aria-labelledby={`${id}-h`} data-box={props.box}>
      <h3 id={`${id}-h`}>{name}</h3>
      {props.items.length === 0 ? (
        <p className="muted emp-none">{t.noItems}</p>
      ) : (
        <ul className="emp-items">
          {props.items.map((it, i) => (
            <li key={`${i}-${it.text}`} className={`emp-item emp-item-${it.valence}`}>
              <span className={`badge badge-${it.valence}`}>{t.pains[it.valence]}</span>
              <span className="emp-text">{it.text}</span>
              <button
                type="button"
                className="small quiet-danger"
                aria-label={t.itemRemove(it.text)}
                onClick={() => props.onRemove(it)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {!full && (
        <form className="emp-add" onSubmit={add} noValidate>
          <label htmlFor={`${id}-text`} className="visually-hidden">
            {t.itemText(name)}
          </label>
          <input
            id={`${id}-text`}
            type="text"
            maxLength={1000}
            value={text}
            placeholder={t.itemText(name)}
            onChange={(e) => setText(e.target.value)}
            aria-invalid={err ? true : undefined}
            aria-describedby={err ? `${id}-err` : undefined}
          />
          <fieldset className="emp-valence">
            <legend className="visually-hidden">
              {t.painOrGain} ({name})
            </legend>
            {(['pain', 'gain'] as const).map((v) => (
              <label key={v} className={`toggle toggle-${v}`}>
                <input
                  type="radio"
                  name={`${id}-valence`}
                  value={v}
                  checked={valence === v}
                  onChange={() => setValence(v)}
                />
                <span>{t.pains[v]}</span>
              </label>
            ))}
            <button type="submit" className="small">
              {t.itemAdd}
            </button>
          </fieldset>
          {err && (
            <p className="field-error" id={`${id}-err`}>
              {err}
            </p>
          )}
        </form>
      )}
    </section>
  )
}
