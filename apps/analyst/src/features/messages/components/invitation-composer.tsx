import type { Study } from '@klantreis/shared/studies'
import { useState } from 'react'
import { SelectField } from '../../../components/ui/field'
import { useMessagesI18n } from '../i18n'
import { useSurveys } from '../../surveys'
import { usePreview, useSendInvitations } from '../api/messages'
import { ComposeActions } from './compose-actions'
import { compact, LocalizedFields, type Localized } from './localized-fields'
import { RecipientPicker, useRecipientCount, type RecipientChoice } from './recipient-picker'

const DIARY = 'diary'

/** An invitation to the diary or to an open survey, to everyone or to those picked. */
export function InvitationComposer({ studyId, study }: { studyId: string; study: Study }) {
  const { t } = useMessagesI18n()
  const surveys = useSurveys(studyId)
  const open = (surveys.data?.pages.flatMap((p) => p.items) ?? []).filter((s) => s.status === 'open')
  const [what, setWhat] = useState<string>(DIARY)
  const [note, setNote] = useState<Localized>({})
  const [recipients, setRecipients] = useState<RecipientChoice>({ type: 'all', participantIds: [] })
  const preview = usePreview(studyId)
  const send = useSendInvitations(studyId)
  const { count, skipped } = useRecipientCount(studyId, recipients)

  const surveyId = what === DIARY ? null : what
  const content = {
    kind: surveyId ? ('survey_invitation' as const) : ('diary_invitation' as const),
    surveyId,
    note: compact(note),
  }

  const doPreview = () =>
    preview.mutate(
      content.surveyId
        ? { kind: 'survey_invitation', surveyId: content.surveyId, note: content.note }
        : { kind: 'diary_invitation', surveyId: null, note: content.note },
    )

  const confirmMessage =
    t.messages.confirmSend(
      recipients.type === 'selected' ? recipients.participantIds.length : count,
      t.messages.invitationWhat,
    ) + t.messages.confirmSkipped(skipped ?? 0)

  return (
    <section className="panel stack" aria-labelledby="invitations-heading">
      <div>
        <h3 id="invitations-heading">{t.messages.invitationsHeading}</h3>
        <p className="muted">{t.messages.invitationsIntro}</p>
      </div>
      <SelectField
        label={t.messages.whatToSend}
        value={what}
        onChange={(v) => {
          setWhat(v)
          preview.reset()
        }}
        hint={open.length === 0 && surveys.isSuccess ? t.messages.noOpenSurveys : undefined}
        options={[
          { value: DIARY, label: t.messages.diaryInvitation },
          ...open.map((s) => ({ value: s.id, label: t.messages.surveyInvitation(s.title) })),
        ]}
      />
      <RecipientPicker studyId={studyId} broad="all" value={recipients} onChange={setRecipients} />
      <fieldset className="fieldset">
        <legend className="field__label">
          {t.messages.noteLegend} <span className="field__optional">{t.common.optional}</span>
        </legend>
        <p className="field__hint">{t.messages.noteHint}</p>
        <LocalizedFields
          languages={study.languages}
          value={note}
          onChange={setNote}
          label={(l) => t.messages.noteIn(t.languages[l])}
          multiline
        />
      </fieldset>
      <ComposeActions
        studyId={studyId}
        preview={preview}
        onPreview={doPreview}
        check={() =>
          recipients.type === 'selected' && recipients.participantIds.length === 0 ? t.messages.noneSelected : null
        }
        confirmMessage={confirmMessage}
        send={send}
        onSend={(done) =>
          send.mutate(
            {
              ...content,
              recipients:
                recipients.type === 'selected'
                  ? { type: 'selected', participantIds: recipients.participantIds }
                  : { type: 'all' },
            },
            { onSuccess: (s) => done(s.id) },
          )
        }
      />
    </section>
  )
}
