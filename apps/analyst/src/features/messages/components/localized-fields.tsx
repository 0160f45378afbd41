import type { Language } from '@klantreis/shared/common'
import { TextField } from '../../../components/ui/field'

export type Localized = Partial<Record<Language, string>>

/** The filled-in languages only, trimmed: what the API takes as a text per study language. */
export const compact = (text: Localized): Localized =>
  Object.fromEntries(
    Object.entries(text)
      .filter(([, v]) => v && v.trim() !== '')
      .map(([k, v]) => [k, v!.trim()]),
  ) as Localized

export const isEmpty = (text: Localized) => Object.keys(compact(text)).length === 0

/** One text field per study language. */
export function LocalizedFields({
  languages,
  value,
  onChange,
  label,
  multiline,
  hint,
  optionalLabel,
}: {
  languages: Language[]
  value: Localized
  onChange: (value: Localized) => void
  label: (language: Language) => string
  multiline?: boolean
  hint?: string
  optionalLabel?: string
}) {
  return (
    <div className={languages.length > 1 ? 'grid-2 grid-2--top' : 'stack'}>
      {languages.map((lang) => (
        <TextField
          key={lang}
          label={label(lang)}
          value={value[lang] ?? ''}
          onChange={(v) => onChange({ ...value, [lang]: v })}
          multiline={multiline}
          rows={3}
          hint={hint}
          optionalLabel={optionalLabel}
          maxLength={5000}
        />
      ))}
    </div>
  )
}
