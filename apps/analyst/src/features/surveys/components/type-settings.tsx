import type { Language } from '@klantreis/shared/common'
import type { Question } from '@klantreis/shared/surveys'
import { SelectField, TextField } from '../../../components/ui/field'
import { useSurveysI18n } from '../i18n'
import { emptyTexts, uniqueKey } from './draft-edit'

/** The settings only some question types have: a choice's options, a Likert scale's points, a rating's maximum. */
export function TypeSettings({
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
