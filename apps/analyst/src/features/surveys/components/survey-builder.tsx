import type { Language } from '@klantreis/shared/common'
import type { JourneyModel } from '@klantreis/shared/journey'
import {
  QUESTION_TYPES,
  type Question,
  type QuestionType,
  type SurveyDefinition,
  type SurveyDetail,
  type SurveyPage,
} from '@klantreis/shared/surveys'
import { useMemo, useState } from 'react'
import { ErrorAlert, Notice } from '../../../components/ui/alert'
import { SelectField, TextField } from '../../../components/ui/field'
import { isApiError } from '../../../lib/api-client'
import { useSurveysI18n } from '../i18n'
import { usePublishSurvey, useUpdateSurvey } from '../api/surveys'
import { errorMap, move, newQuestion, uniqueKey } from './draft-edit'
import { QuestionEditor } from './question-editor'
import { SurveyPreview } from './survey-preview'

type Props = { studyId: string; survey: SurveyDetail; model: JourneyModel | undefined; canEdit: boolean }

export function SurveyBuilder({ studyId, survey, model, canEdit }: Props) {
  const { t, lang: uiLang } = useSurveysI18n()
  const [title, setTitle] = useState(survey.title)
  const [draft, setDraft] = useState<SurveyDefinition>(survey.draft)
  const [dirty, setDirty] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)
  const [addType, setAddType] = useState<Record<string, QuestionType>>({})
  const [previewPage, setPreviewPage] = useState(0)
  const [previewLang, setPreviewLang] = useState<Language>(
    survey.draft.languages.includes(uiLang) ? uiLang : (survey.draft.languages[0] ?? 'nl'),
  )
  const update = useUpdateSurvey(studyId, survey.id)
  const publish = usePublishSurvey(studyId, survey.id)
  const languages = draft.languages
  const saveError = update.error
  const errors = useMemo(() => errorMap(isApiError(saveError) ? saveError.details : undefined), [saveError])
  const err = (path: string) => errors.get(path)

  const change = (next: SurveyDefinition) => {
    setDraft(next)
    setDirty(true)
    setNotice(null)
  }
  const setPages = (pages: SurveyPage[]) => change({ ...draft, pages })
  const setPage = (p: number, page: SurveyPage) => setPages(draft.pages.map((x, i) => (i === p ? page : x)))
  const takenQuestionIds = () => new Set(draft.pages.flatMap((p) => p.questions.map((q) => q.id)))

  const addPage = () => {
    const id = uniqueKey(`page-${draft.pages.length + 1}`, new Set(draft.pages.map((p) => p.id)))
    setPages([
      ...draft.pages,
      { id, title: Object.fromEntries(languages.map((l) => [l, t.surveys.newPageTitle])), questions: [] },
    ])
  }
  const addQuestion = (p: number) => {
    const page = draft.pages[p]
    if (!page) return
    const q = newQuestion(addType[page.id] ?? 'single_choice', languages, takenQuestionIds())
    setPage(p, { ...page, questions: [...page.questions, q] })
    setPreviewPage(p)
  }

  const save = async () => {
    const saved = await update.mutateAsync({ title: title.trim(), draft })
    setDraft(saved.draft)
    setTitle(saved.title)
    setDirty(false)
    return saved
  }
  const onSave = () => {
    setNotice(null)
    save().then(
      () => setNotice(t.surveys.saved),
      () => undefined,
    )
  }
  const onPublish = async () => {
    setNotice(null)
    const next = (survey.currentVersion ?? 0) + 1
    if (!window.confirm(t.surveys.publishConfirm(next))) return
    try {
      if (dirty) await save()
      const res = await publish.mutateAsync()
      setNotice(t.surveys.published(res.version))
    } catch {
      // shown through the mutations' errors
    }
  }
  const setStatus = (status: 'open' | 'closed') => {
    setNotice(null)
    update.mutate({ status }, { onSuccess: () => setNotice(status === 'open' ? t.surveys.opened : t.surveys.closed) })
  }

  const unplaced = [...errors.entries()].filter(
    ([path]) => !path.startsWith('draft.pages.') || /^draft\.pages(\.\d+)?$/.test(path),
  )

  return (
    <div className="survey-builder">
      <div className="stack">
        <div className="panel stack">
          <TextField
            label={t.surveys.surveyTitle}
            value={title}
            onChange={(v) => {
              setTitle(v)
              setDirty(true)
            }}
            maxLength={200}
            disabled={!canEdit}
            error={err('title')}
          />
          {canEdit ? (
            <div className="form-actions form-actions--start">
              <button type="button" className="btn btn--primary" onClick={onSave} disabled={update.isPending}>
                {update.isPending ? t.common.saving : t.surveys.save}
              </button>
              <button
                type="button"
                className="btn btn--secondary"
                onClick={() => void onPublish()}
                disabled={publish.isPending || update.isPending}
              >
                {publish.isPending ? t.surveys.publishing : t.surveys.publish}
              </button>
              {survey.status === 'open' ? (
                <button
                  type="button"
                  className="btn btn--secondary"
                  onClick={() => setStatus('closed')}
                  disabled={update.isPending}
                >
                  {t.surveys.close}
                </button>
              ) : null}
              {survey.status === 'closed' ? (
                <button
                  type="button"
                  className="btn btn--secondary"
                  onClick={() => setStatus('open')}
                  disabled={update.isPending}
                >
                  {t.surveys.open}
                </button>
              ) : null}
              {dirty ? <span className="muted">{t.surveys.unsaved}</span> : null}
            </div>
          ) : null}
          {notice ? <Notice tone="success">{notice}</Notice> : null}
          {saveError ? (
            <div className="alert alert--error" role="alert">
              <p>
                {errors.size > 0
                  ? t.surveys.fixErrors
                  : isApiError(saveError)
                    ? saveError.message
                    : t.common.somethingWrong}
              </p>
              {unplaced.length > 0 ? (
                <ul>
                  {unplaced.map(([path, message]) => (
                    <li key={path}>{message}</li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
          {publish.isError ? <ErrorAlert error={publish.error} /> : null}
        </div>

        <h3>{t.surveys.pages}</h3>
        {draft.pages.map((page, p) => (
          <section key={page.id} className="panel stack survey-page" aria-labelledby={`survey-page-${page.id}`}>
            <div className="section-header">
              <h3 id={`survey-page-${page.id}`}>{t.surveys.page(p + 1)}</h3>
              {canEdit ? (
                <div className="card-actions">
                  <button
                    type="button"
                    className="btn btn--small btn--ghost"
                    disabled={p === 0}
                    onClick={() => setPages(move(draft.pages, p, p - 1))}
                    aria-label={`${t.surveys.moveUp}: ${t.surveys.page(p + 1)}`}
                  >
                    ↑ {t.surveys.moveUp}
                  </button>
                  <button
                    type="button"
                    className="btn btn--small btn--ghost"
                    disabled={p === draft.pages.length - 1}
                    onClick={() => setPages(move(draft.pages, p, p + 1))}
                    aria-label={`${t.surveys.moveDown}: ${t.surveys.page(p + 1)}`}
                  >
                    ↓ {t.surveys.moveDown}
                  </button>
                  <button
                    type="button"
                    className="btn btn--small btn--danger-text"
                    disabled={draft.pages.length === 1}
                    onClick={() => {
                      setPages(draft.pages.filter((_, i) => i !== p))
                      setPreviewPage(0)
                    }}
                  >
                    {t.surveys.deletePage}
                  </button>
                </div>
              ) : null}
            </div>
            <div className="lang-grid">
              {languages.map((l) => (
                <TextField
                  key={l}
                  label={t.surveys.pageTitle(t.languages[l])}
                  value={page.title[l] ?? ''}
                  onChange={(v) => setPage(p, { ...page, title: { ...page.title, [l]: v } })}
                  maxLength={300}
                  disabled={!canEdit}
                  error={err(`draft.pages.${p}.title.${l}`) ?? err(`draft.pages.${p}.title`)}
                />
              ))}
            </div>
            {page.questions.length === 0 ? <p className="muted">{t.surveys.noQuestions}</p> : null}
            {page.questions.map((q, i) => (
              <QuestionEditor
                key={q.id}
                question={q}
                label={t.surveys.question(p + 1, i + 1)}
                languages={languages}
                earlier={[
                  ...draft.pages
                    .slice(0, p)
                    .flatMap((x, pi) => x.questions.map((eq, qi) => ({ q: eq, label: `${pi + 1}.${qi + 1}` }))),
                  ...page.questions.slice(0, i).map((eq, qi) => ({ q: eq, label: `${p + 1}.${qi + 1}` })),
                ]}
                model={model}
                canEdit={canEdit}
                errorAt={(rest) => err(`draft.pages.${p}.questions.${i}${rest}`)}
                isFirst={i === 0}
                isLast={i === page.questions.length - 1}
                onChange={(nq: Question) =>
                  setPage(p, { ...page, questions: page.questions.map((x, k) => (k === i ? nq : x)) })
                }
                onMove={(d) => setPage(p, { ...page, questions: move(page.questions, i, i + d) })}
                onDelete={() => setPage(p, { ...page, questions: page.questions.filter((_, k) => k !== i) })}
                onFocus={() => setPreviewPage(p)}
              />
            ))}
            {canEdit ? (
              <div className="inline-add">
                <SelectField
                  label={t.surveys.addQuestionType}
                  value={addType[page.id] ?? 'single_choice'}
                  options={QUESTION_TYPES.map((type) => ({ value: type, label: t.surveys.types[type] ?? type }))}
                  onChange={(v) => setAddType({ ...addType, [page.id]: v })}
                />
                <button type="button" className="btn btn--secondary" onClick={() => addQuestion(p)}>
                  {t.surveys.addQuestion}
                </button>
              </div>
            ) : null}
          </section>
        ))}
        {canEdit ? (
          <div>
            <button type="button" className="btn btn--secondary" onClick={addPage} disabled={draft.pages.length >= 50}>
              {t.surveys.addPage}
            </button>
          </div>
        ) : null}
      </div>

      <aside className="survey-builder__preview" aria-labelledby="survey-preview-heading">
        <h3 id="survey-preview-heading">{t.surveys.preview}</h3>
        <p className="muted">{t.surveys.previewNote}</p>
        <div className="lang-grid">
          <SelectField
            label={t.surveys.previewLanguage}
            value={previewLang}
            options={languages.map((l) => ({ value: l, label: t.languages[l] }))}
            onChange={setPreviewLang}
          />
          <SelectField
            label={t.surveys.previewPage}
            value={String(Math.min(previewPage, draft.pages.length - 1))}
            options={draft.pages.map((_, i) => ({ value: String(i), label: t.surveys.page(i + 1) }))}
            onChange={(v) => setPreviewPage(Number(v))}
          />
        </div>
        <SurveyPreview
          definition={draft}
          pageIndex={Math.min(previewPage, draft.pages.length - 1)}
          lang={previewLang}
          surveyTitle={title}
        />
      </aside>
    </div>
  )
}
