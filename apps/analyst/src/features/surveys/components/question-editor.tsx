import type { Language } from '@klantreis/shared/common'
import type { JourneyModel } from '@klantreis/shared/journey'
import {
  MEASURES,
  isScaleType,
  scaleBounds,
  type ConditionLeaf,
  type ConditionOp,
  type Question,
} from '@klantreis/shared/surveys'
import { SelectField, TextField } from '../../../components/ui/field'
import { useSurveysI18n } from '../i18n'
import { defaultLeaf, emptyTexts, opsFor, textIn, touchpointOptions, uniqueKey } from './draft-edit'

type Props = {
  question: Question
  label: string
  languages: Language[]
  earlier: { q: Question; label: string }[]
  model: JourneyModel | undefined
  canEdit: boolean
  errorAt: (rest: string) => string | undefined
  isFirst: boolean
  isLast: boolean
  onChange: (q: Question) => void
  onMove: (delta: number) => void
  onDelete: () => void
  onFocus: () => void
}

export function QuestionEditor({
  question: q,
  label,
  languages,
  earlier,
  model,
  canEdit,
  errorAt,
  isFirst,
  isLast,
  onChange,
  onMove,
  onDelete,
  onFocus,
}: Props) {
  const { t, lang } = useSurveysI18n()
  const legend = `${label} · ${t.surveys.types[q.type] ?? q.type}`
  const disabled = !canEdit
  const own = errorAt('') ?? errorAt('.id') ?? errorAt('.options') ?? errorAt('.minSelected')

  return (
    <fieldset className="fieldset question-editor" onFocus={onFocus} disabled={disabled}>
      <legend className="field__label">{legend}</legend>
      <div className="card-actions">
        <label className="checkbox-field">
          <input
            type="checkbox"
            checked={q.required}
            onChange={(e) => onChange({ ...q, required: e.target.checked })}
          />
          <span>{t.surveys.required}</span>
        </label>
        <span className="card-actions__spacer" />
        <button
          type="button"
          className="btn btn--small btn--ghost"
          disabled={isFirst}
          onClick={() => onMove(-1)}
          aria-label={`${t.surveys.moveUp}: ${label}`}
        >
          ↑
        </button>
        <button
          type="button"
          className="btn btn--small btn--ghost"
          disabled={isLast}
          onClick={() => onMove(1)}
          aria-label={`${t.surveys.moveDown}: ${label}`}
        >
          ↓
        </button>
        <button
          type="button"
          className="btn btn--small btn--danger-text"
          onClick={onDelete}
          aria-label={`${t.surveys.deleteQuestion}: ${label}`}
        >
          {t.common.remove}
        </button>
      </div>
      {own ? <p className="field__error">{own}</p> : null}
      <div className="lang-grid">
        {languages.map((l) => (
          <TextField
            key={l}
            label={t.surveys.questionText(t.languages[l])}
            value={q.text[l] ?? ''}
            onChange={(v) => onChange({ ...q, text: { ...q.text, [l]: v } })}
            maxLength={1000}
            multiline
            rows={2}
            error={errorAt(`.text.${l}`) ?? (l === languages[0] ? errorAt('.text') : undefined)}
          />
        ))}
      </div>

      <TypeSettings q={q} languages={languages} errorAt={errorAt} onChange={onChange} />

      <div className="lang-grid">
        <SelectField
          label={t.surveys.touchpoint}
          value={q.touchpointId ?? ''}
          options={[{ value: '', label: t.surveys.noTouchpoint }, ...touchpointOptions(model)]}
          onChange={(v) => onChange({ ...q, touchpointId: v || null })}
          error={errorAt('.touchpointId')}
        />
        <SelectField
          label={t.surveys.measure}
          value={q.measure ?? ''}
          options={[
            { value: '', label: t.surveys.noMeasure },
            ...MEASURES.map((m) => ({ value: m, label: t.surveys.measures[m] ?? m })),
          ]}
          onChange={(v) => onChange({ ...q, measure: (v || null) as Question['measure'] })}
        />
      </div>

      <ConditionEditor q={q} earlier={earlier} lang={lang} error={errorAt('.showIf')} onChange={onChange} />
    </fieldset>
  )
}

function TypeSettings({
  q,
  languages,
  errorAt,
  onChange,
}: {
  q: Question
  languages: Language[]
  errorAt: (rest: string) => string | undefined
  onChange: (q: Question) => void
}) {
  const { t } = useSurveysI18n()
  if (q.type === 'single_choice' || q.type === 'multiple_choice') {
    const setOptions = (options: typeof q.options) => onChange({ ...q, options })
    return (
      <fieldset className="fieldset">
        <legend className="field__label">{t.surveys.options}</legend>
        {q.options.map((o, j) => (
          <div key={o.id} className="option-row">
            <div className="lang-grid">
              {languages.map((l) => (
                <TextField
                  key={l}
                  label={t.surveys.optionText(j + 1, t.languages[l])}
                  value={o.text[l] ?? ''}
                  onChange={(v) =>
                    setOptions(q.options.map((x, k) => (k === j ? { ...x, text: { ...x.text, [l]: v } } : x)))
                  }
                  maxLength={500}
                  error={errorAt(`.options.${j}.text.${l}`)}
                />
              ))}
            </div>
            <button
              type="button"
              className="btn btn--small btn--danger-text"
              disabled={q.options.length <= 2}
              onClick={() => setOptions(q.options.filter((_, k) => k !== j))}
              aria-label={t.surveys.removeOption(j + 1)}
            >
              {t.common.remove}
            </button>
          </div>
        ))}
        <div className="form-actions form-actions--start">
          <button
            type="button"
            className="btn btn--small btn--secondary"
            onClick={() =>
              setOptions([
                ...q.options,
                {
                  id: uniqueKey(`o${q.options.length + 1}`, new Set(q.options.map((o) => o.id))),
                  text: emptyTexts(languages),
                },
              ])
            }
          >
            {t.surveys.addOption}
          </button>
          {q.type === 'multiple_choice' ? (
            <label className="checkbox-field">
              <input
                type="checkbox"
                checked={q.allowOther}
                onChange={(e) => onChange({ ...q, allowOther: e.target.checked })}
              />
              <span>{t.surveys.allowOther}</span>
            </label>
          ) : null}
        </div>
      </fieldset>
    )
  }
  if (q.type === 'likert')
    return (
      <SelectField
        label={t.surveys.points}
        value={String(q.points)}
        options={[
          { value: '5', label: '5' },
          { value: '7', label: '7' },
        ]}
        onChange={(v) => onChange({ ...q, points: v === '7' ? 7 : 5 })}
      />
    )
  if (q.type === 'rating')
    return (
      <SelectField
        label={t.surveys.ratingMax}
        value={String(q.max)}
        options={[3, 4, 5, 6, 7, 8, 9, 10].map((n) => ({ value: String(n), label: String(n) }))}
        onChange={(v) => onChange({ ...q, max: Number(v) })}
        error={errorAt('.max')}
      />
    )
  return null
}

function ConditionEditor({
  q,
  earlier,
  lang,
  error,
  onChange,
}: {
  q: Question
  earlier: { q: Question; label: string }[]
  lang: Language
  error?: string
  onChange: (q: Question) => void
}) {
  const { t } = useSurveysI18n()
  if (q.showIf && !('questionId' in q.showIf)) return <p className="muted">{t.surveys.complexCondition}</p>
  const leaf = q.showIf as ConditionLeaf | undefined
  const ref = leaf ? earlier.find((e) => e.q.id === leaf.questionId)?.q : undefined
  const setLeaf = (next: ConditionLeaf | undefined) => {
    const { showIf: _drop, ...rest } = q
    onChange(next ? ({ ...rest, showIf: next } as Question) : (rest as Question))
  }
  const questionOptions = earlier.map((e) => ({
    value: e.q.id,
    label: `${e.label} ${textIn(e.q.text, lang, e.q.id)}`.slice(0, 80),
  }))
  if (leaf && !ref) questionOptions.push({ value: leaf.questionId, label: leaf.questionId })

  return (
    <div className="condition-editor">
      <SelectField
        label={t.surveys.showWhen}
        value={leaf?.questionId ?? ''}
        options={[{ value: '', label: t.surveys.always }, ...questionOptions]}
        onChange={(v) => {
          const target = earlier.find((e) => e.q.id === v)?.q
          setLeaf(target ? defaultLeaf(target) : undefined)
        }}
        error={error}
      />
      {leaf && ref ? (
        <>
          <SelectField
            label={t.surveys.conditionOp}
            value={leaf.op}
            options={opsFor(ref).map((op) => ({ value: op, label: t.surveys.ops[op] ?? op }))}
            onChange={(op: ConditionOp) => {
              if (op === 'answered') setLeaf({ questionId: leaf.questionId, op })
              else setLeaf({ ...defaultLeaf(ref), op, ...(leaf.value !== undefined ? { value: leaf.value } : {}) })
            }}
          />
          {leaf.op === 'answered' ? null : ref.type === 'single_choice' || ref.type === 'multiple_choice' ? (
            <SelectField
              label={t.surveys.conditionValue}
              value={String(leaf.value ?? '')}
              options={ref.options.map((o, j) => ({
                value: o.id,
                label: textIn(o.text, lang, t.surveys.option(j + 1)),
              }))}
              onChange={(v) => setLeaf({ ...leaf, value: v })}
            />
          ) : isScaleType(ref.type) ? (
            <SelectField
              label={t.surveys.conditionValue}
              value={String(leaf.value ?? '')}
              options={range(scaleBounds(ref as Parameters<typeof scaleBounds>[0])).map((n) => ({
                value: String(n),
                label: String(n),
              }))}
              onChange={(v) => setLeaf({ ...leaf, value: Number(v) })}
            />
          ) : null}
        </>
      ) : null}
    </div>
  )
}

const range = ({ min, max }: { min: number; max: number }) => Array.from({ length: max - min + 1 }, (_, i) => min + i)
