import type { Language } from '@klantreis/shared/common'
import { isScaleType, scaleBounds, type Question, type SurveyDefinition } from '@klantreis/shared/surveys'
import { useSurveysI18n } from '../i18n'
import { textIn } from './draft-edit'

type Props = { definition: SurveyDefinition; pageIndex: number; lang: Language; surveyTitle: string }

/** One page as a participant's phone shows it; render-only, every text as text. */
export function SurveyPreview({ definition, pageIndex, lang, surveyTitle }: Props) {
  const { t } = useSurveysI18n()
  const page = definition.pages[pageIndex]
  if (!page) return null
  return (
    <div className="phone-frame" data-testid="survey-preview" lang={lang}>
      <div className="phone-frame__screen">
        <p className="phone-frame__survey">{surveyTitle}</p>
        <p className="phone-frame__progress">{t.surveys.previewOf(pageIndex + 1, definition.pages.length)}</p>
        <h4 className="phone-frame__title">{textIn(page.title, lang, t.surveys.untitled)}</h4>
        {page.questions.map((q) => (
          <div key={q.id} className="phone-q">
            <p className="phone-q__text">
              {textIn(q.text, lang, t.surveys.untitled)}
              {q.required ? <span aria-hidden="true"> *</span> : null}
            </p>
            {q.help ? <p className="phone-q__help">{textIn(q.help, lang, '')}</p> : null}
            <PreviewControl q={q} lang={lang} />
          </div>
        ))}
        <div className="phone-frame__next" aria-hidden="true">
          {t.surveys.next}
        </div>
      </div>
    </div>
  )
}

function PreviewControl({ q, lang }: { q: Question; lang: Language }) {
  const { t } = useSurveysI18n()
  if (q.type === 'emotion') {
    return (
      <div className="phone-scale" aria-hidden="true">
        {['😣', '😟', '🙁', '😐', '🙂', '😊', '😄'].map((f) => (
          <span key={f} className="phone-scale__dot">
            {f}
          </span>
        ))}
      </div>
    )
  }
  if (isScaleType(q.type)) {
    const { min, max } = scaleBounds(q as Parameters<typeof scaleBounds>[0])
    return (
      <div className="phone-scale" aria-hidden="true">
        {Array.from({ length: max - min + 1 }, (_, i) => (
          <span key={i} className="phone-scale__dot">
            {min + i}
          </span>
        ))}
      </div>
    )
  }
  if (q.type === 'single_choice' || q.type === 'multiple_choice') {
    return (
      <ul className="phone-choices" aria-hidden="true">
        {q.options.map((o, j) => (
          <li key={o.id}>
            <span className={q.type === 'single_choice' ? 'phone-radio' : 'phone-check'} />
            {textIn(o.text, lang, t.surveys.option(j + 1))}
          </li>
        ))}
        {q.type === 'multiple_choice' && q.allowOther ? (
          <li>
            <span className="phone-check" />
            {t.surveys.other}
          </li>
        ) : null}
      </ul>
    )
  }
  if (q.type === 'empathy_map') {
    return (
      <div className="phone-boxes" aria-hidden="true">
        {q.boxes.map((b) => (
          <span key={b} className="phone-boxes__box">
            {t.surveys.boxes[b] ?? b}
          </span>
        ))}
      </div>
    )
  }
  return <div className={`phone-input${q.type === 'long_text' ? ' phone-input--long' : ''}`} aria-hidden="true" />
}
