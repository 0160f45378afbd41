import type { Language } from '@klantreis/shared/common'
import {
  isScaleType,
  scaleBounds,
  type ConditionLeaf,
  type ConditionOp,
  type Question,
} from '@klantreis/shared/surveys'
import { SelectField } from '../../../components/ui/field'
import { useSurveysI18n } from '../i18n'
import { defaultLeaf, opsFor, textIn } from './draft-edit'

/** "Show this question only if": one condition on an earlier question's answer. */
export function ConditionEditor({
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
