import type { Me } from '@klantreis/shared/auth'
import { SOURCE_KINDS, type SourceKind } from '@klantreis/shared/coding'
import { useState, type FormEvent } from 'react'
import { ErrorAlert } from '../../../components/ui/alert'
import { CheckboxGroup, SelectField, TextField } from '../../../components/ui/field'
import { fieldError } from '../../../lib/api-client'
import { useCodingI18n } from '../i18n'
import { canEditStudies } from '../../../lib/roles'
import { useMembers } from '../../team'
import { useCreateSample } from '../api/coding'

/** A new double-coding sample: its name, the share of sources, the two coders and the kinds of source it draws from. */
export function NewSample({
  studyId,
  me,
  onCreated,
}: {
  studyId: string
  me: Me
  onCreated: (id: string, size: number) => void
}) {
  const { t } = useCodingI18n()
  const members = useMembers()
  const create = useCreateSample(studyId)
  const [name, setName] = useState('')
  const [share, setShare] = useState('20')
  const [coderA, setCoderA] = useState(me.user.id)
  const [coderB, setCoderB] = useState('')
  const [kinds, setKinds] = useState<SourceKind[]>([...SOURCE_KINDS])
  const [errors, setErrors] = useState<{ share?: string; coders?: string }>({})
  const researchers = (members.data?.items ?? []).filter((m) => canEditStudies(m.role))
  const options = [
    { value: '', label: t.coding.chooseResearcher },
    ...researchers.map((m) => ({ value: m.userId, label: m.name || m.email })),
  ]

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const n = Number(share)
    const next: typeof errors = {}
    if (!/^\d+$/.test(share.trim()) || n < 1 || n > 100) next.share = t.coding.shareError
    if (!coderA || !coderB || coderA === coderB) next.coders = t.coding.sameCoder
    setErrors(next)
    if (Object.keys(next).length > 0) return
    create.mutate(
      { name: name.trim(), share: n / 100, kinds, coderIds: [coderA, coderB] },
      {
        onSuccess: (s) => {
          setName('')
          onCreated(s.id, s.size)
        },
      },
    )
  }

  return (
    <section className="panel stack" aria-labelledby="new-sample-heading">
      <h3 id="new-sample-heading">{t.coding.newSample}</h3>
      {members.isError ? <ErrorAlert error={members.error} /> : null}
      <form className="stack" onSubmit={submit} noValidate>
        <div className="form-grid">
          <TextField
            label={t.coding.sampleName}
            value={name}
            onChange={setName}
            required
            maxLength={120}
            error={fieldError(create.error, 'name')}
          />
          <TextField
            label={t.coding.share}
            value={share}
            onChange={setShare}
            inputMode="numeric"
            error={errors.share ?? fieldError(create.error, 'share')}
          />
          <SelectField
            label={t.coding.coderA}
            value={coderA}
            options={options}
            onChange={setCoderA}
            error={errors.coders}
          />
          <SelectField
            label={t.coding.coderB}
            value={coderB}
            options={options}
            onChange={setCoderB}
            error={errors.coders}
          />
        </div>
        <CheckboxGroup
          legend={t.coding.sampleKinds}
          options={SOURCE_KINDS.map((k) => ({ value: k, label: t.coding.kinds[k] }))}
          value={kinds}
          onChange={setKinds}
        />
        {create.isError && !fieldError(create.error, 'name') && !fieldError(create.error, 'share') ? (
          <ErrorAlert error={create.error} />
        ) : null}
        <div className="form-actions form-actions--start">
          <button
            type="submit"
            className="btn btn--primary"
            disabled={create.isPending || !name.trim() || kinds.length === 0}
          >
            {create.isPending ? t.common.saving : t.coding.createSample}
          </button>
        </div>
      </form>
    </section>
  )
}
