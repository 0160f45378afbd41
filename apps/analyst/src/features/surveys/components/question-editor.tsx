import type { Language } from '@klantreis/shared/common'
import type { JourneyModel } from '@klantreis/shared/journey'
import { MEASURES, type Question } from '@klantreis/shared/surveys'
import { SelectField, TextField } from '../../../components/ui/field'
import { useSurveysI18n } from '../i18n'
import { ConditionEditor } from './condition-editor'
import { touchpointOptions } from './draft-edit'
import { TypeSettings } from './type-settings'

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
