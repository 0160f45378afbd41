import { LanguageSchema } from '@klantreis/shared/common'
import { useId } from 'react'
import { useI18n } from '../../lib/i18n'
import { en } from '../../lib/i18n/en'
import { nl } from '../../lib/i18n/nl'

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n()
  const id = useId()
  return (
    <div className="inline-field">
      <label htmlFor={id} className="inline-field__label">
        {t.shell.language}
      </label>
      <select
        id={id}
        className="input input--select input--compact"
        value={lang}
        onChange={(e) => setLang(LanguageSchema.parse(e.target.value))}
      >
        {/* each language named in itself, so people can find their own */}
        <option value="en" lang="en">
          {en.languageName}
        </option>
        <option value="nl" lang="nl">
          {nl.languageName}
        </option>
      </select>
    </div>
  )
}
