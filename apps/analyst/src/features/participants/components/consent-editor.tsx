import { LanguageSchema, type Language } from '@klantreis/shared/common'
import type { ConsentText } from '@klantreis/shared/participants'
import { useState, type FormEvent } from 'react'
import { ErrorAlert, Loading, Notice } from '../../../components/ui/alert'
import { ConfirmDialog } from '../../../components/ui/dialog'
import { TextField } from '../../../components/ui/field'
import { fieldError } from '../../../lib/api-client'
import { useParticipantsI18n } from '../i18n'
import { useConsent, usePublishConsent } from '../api/consent'

export function ConsentEditor({ studyId, canEdit }: { studyId: string; canEdit: boolean }) {
  const { t } = useParticipantsI18n()
  const consent = useConsent(studyId)
  // kept here: the form below starts afresh (its key is the version) once a new version is out
  const [published, setPublished] = useState<number | null>(null)
  const publish = usePublishConsent(studyId)
  return (
    <section className="panel stack consent-panel" aria-labelledby="consent-heading">
      <div>
        <h2 id="consent-heading">{t.consent.heading}</h2>
        <p className="muted section-intro">{t.consent.intro}</p>
      </div>
      {consent.isPending ? <Loading /> : null}
      <ErrorAlert error={consent.error} />
      {published !== null ? <Notice tone="success">{t.consent.published(published)}</Notice> : null}
      {consent.isSuccess ? (
        <ConsentForm
          key={consent.data?.version ?? 0}
          publish={publish}
          current={consent.data}
          canEdit={canEdit}
          onEdit={() => setPublished(null)}
          onPublished={setPublished}
        />
      ) : null}
    </section>
  )
}

type FormProps = {
  publish: ReturnType<typeof usePublishConsent>
  current: ConsentText | null
  canEdit: boolean
  onEdit: () => void
  onPublished: (version: number) => void
}

function ConsentForm({ publish, current, canEdit, onEdit, onPublished }: FormProps) {
  const { t, formatDateTime } = useParticipantsI18n()
  const [texts, setTexts] = useState<Record<Language, string>>({
    nl: current?.texts.nl ?? '',
    en: current?.texts.en ?? '',
  })
  const [confirming, setConfirming] = useState(false)
  const [localError, setLocalError] = useState<string | null>(null)
  const nextVersion = (current?.version ?? 0) + 1

  const body = () =>
    Object.fromEntries(LanguageSchema.options.flatMap((l) => (texts[l].trim() ? [[l, texts[l].trim()]] : [])))

  const submit = (e: FormEvent) => {
    e.preventDefault()
    onEdit()
    if (Object.keys(body()).length === 0) return setLocalError(t.consent.needOne)
    setLocalError(null)
    setConfirming(true)
  }

  return (
    <form onSubmit={submit} noValidate className="stack">
      {current ? (
        <p>
          <span className="badge">v{current.version}</span>{' '}
          {t.consent.current(current.version, formatDateTime(current.createdAt))}
        </p>
      ) : (
        <Notice>{t.consent.none}</Notice>
      )}
      {localError ? (
        <div className="alert alert--error" role="alert">
          <p>{localError}</p>
        </div>
      ) : null}
      <div className="grid-2">
        {LanguageSchema.options.map((l) => (
          <TextField
            key={l}
            label={t.consent.text(t.languages[l])}
            value={texts[l]}
            onChange={(v) => setTexts((prev) => ({ ...prev, [l]: v }))}
            error={fieldError(publish.error, `texts.${l}`)}
            disabled={!canEdit}
            maxLength={20_000}
            multiline
            rows={7}
          />
        ))}
      </div>
      {canEdit ? (
        <>
          <div className="alert alert--info">
            <p>{t.consent.reconsent}</p>
          </div>
          <div className="form-actions form-actions--start">
            <button type="submit" className="btn btn--primary" disabled={publish.isPending}>
              {publish.isPending ? t.consent.publishing : t.consent.publish}
            </button>
          </div>
        </>
      ) : null}
      <ConfirmDialog
        open={confirming}
        message={t.consent.confirm(nextVersion)}
        confirmLabel={t.consent.publish}
        tone="primary"
        pending={publish.isPending}
        pendingLabel={t.consent.publishing}
        error={<ErrorAlert error={publish.error} />}
        onClose={() => {
          setConfirming(false)
          publish.reset()
        }}
        onConfirm={() =>
          publish.mutate(body(), {
            onSuccess: (saved) => {
              setConfirming(false)
              onPublished(saved.version)
            },
          })
        }
      />
    </form>
  )
}
