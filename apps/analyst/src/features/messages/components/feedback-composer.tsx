import type { Study } from '@klantreis/shared/studies'
import { useState } from 'react'
import { useMessagesI18n } from '../i18n'
import { usePreview, useSendFeedback } from '../api/messages'
import { ComposeActions } from './compose-actions'
import { compact, isEmpty, LocalizedFields, type Localized } from './localized-fields'
import { RecipientPicker, useRecipientCount, type RecipientChoice } from './recipient-picker'

const MAX_CHANGES = 20

type Row = { key: number; text: Localized }

/** "You said, we did": an introduction and what changed, per study language, to those who contributed. */
export function FeedbackComposer({ studyId, study }: { studyId: string; study: Study }) {
  const { t } = useMessagesI18n()
  const [intro, setIntro] = useState<Localized>({})
  const [rows, setRows] = useState<Row[]>([{ key: 1, text: {} }])
  const [nextKey, setNextKey] = useState(2)
  const [recipients, setRecipients] = useState<RecipientChoice>({ type: 'contributors', participantIds: [] })
  const preview = usePreview(studyId)
  const send = useSendFeedback(studyId)
  const { skipped } = useRecipientCount(studyId, recipients)

  const changes = rows.filter((r) => !isEmpty(r.text)).map((r) => compact(r.text))
  const check = () => {
    if (changes.length === 0) return t.messages.noChanges
    if (recipients.type === 'selected' && recipients.participantIds.length === 0) return t.messages.noneSelected
    return null
  }
  const confirmMessage =
    (recipients.type === 'selected'
      ? t.messages.confirmSend(recipients.participantIds.length, t.messages.feedbackWhat)
      : t.messages.confirmContributors(t.messages.feedbackWhat)) + t.messages.confirmSkipped(skipped ?? 0)

  return (
    <section className="panel stack" aria-labelledby="feedback-heading">
      <div>
        <h3 id="feedback-heading">{t.messages.feedbackHeading}</h3>
        <p className="muted">{t.messages.feedbackIntro}</p>
      </div>
      <LocalizedFields
        languages={study.languages}
        value={intro}
        onChange={setIntro}
        label={(l) => t.messages.introIn(t.languages[l])}
        multiline
      />
      <fieldset className="fieldset">
        <legend className="field__label">{t.messages.changesLegend}</legend>
        <ol className="feedback-changes">
          {rows.map((row, i) => (
            <li key={row.key} className="feedback-changes__row">
              <LocalizedFields
                languages={study.languages}
                value={row.text}
                onChange={(text) => setRows(rows.map((r) => (r.key === row.key ? { ...r, text } : r)))}
                label={(l) => t.messages.changeIn(i + 1, t.languages[l])}
              />
              {rows.length > 1 ? (
                <button
                  type="button"
                  className="btn btn--ghost btn--small btn--danger-text"
                  onClick={() => setRows(rows.filter((r) => r.key !== row.key))}
                >
                  {t.messages.removeChange(i + 1)}
                </button>
              ) : null}
            </li>
          ))}
        </ol>
        <div>
          <button
            type="button"
            className="btn btn--secondary btn--small"
            disabled={rows.length >= MAX_CHANGES}
            onClick={() => {
              setRows([...rows, { key: nextKey, text: {} }])
              setNextKey(nextKey + 1)
            }}
          >
            {t.messages.addChange}
          </button>
          {rows.length >= MAX_CHANGES ? <p className="field__hint">{t.messages.maxChanges}</p> : null}
        </div>
      </fieldset>
      <RecipientPicker studyId={studyId} broad="contributors" value={recipients} onChange={setRecipients} />
      <ComposeActions
        studyId={studyId}
        preview={preview}
        onPreview={() =>
          preview.mutate({ kind: 'feedback', intro: compact(intro), changes: changes.length > 0 ? changes : [{}] })
        }
        check={check}
        confirmMessage={confirmMessage}
        send={send}
        onSend={(done) =>
          send.mutate(
            {
              intro: compact(intro),
              changes,
              recipients:
                recipients.type === 'selected'
                  ? { type: 'selected', participantIds: recipients.participantIds }
                  : { type: 'contributors' },
            },
            { onSuccess: (s) => done(s.id) },
          )
        }
      />
    </section>
  )
}
