import type { Code, CreateCodeBody } from '@klantreis/shared/coding'
import { useId, useState, type FormEvent } from 'react'
import { ErrorAlert } from '../../../components/ui/alert'
import { SelectField, TextField } from '../../../components/ui/field'
import { fieldError, isApiError } from '../../../lib/api-client'
import { useCodingI18n } from '../i18n'
import { listCodes, useSaveCode } from '../api/coding'
import { codeTree, descendantsOf, RESERVED_KEYS } from './code-tree'

/** The code being edited (null: a new one) and, for a new one, where it goes. */
export type Editing = { code: Code | null; parentId: string | null }

/** Add or edit a code: name, parent, valence, colour, shortcut key and description. */
export function CodeForm({
  studyId,
  editing,
  codes,
  onDone,
  onCancel,
}: {
  studyId: string
  editing: Editing
  codes: Code[]
  onDone: () => void
  onCancel: () => void
}) {
  const { t } = useCodingI18n()
  const save = useSaveCode(studyId)
  const colourId = useId()
  const [base, setBase] = useState(editing.code)
  const [value, setValue] = useState<Required<CreateCodeBody>>({
    name: editing.code?.name ?? '',
    description: editing.code?.description ?? '',
    colour: editing.code?.colour ?? '#1d5c57',
    shortcut: editing.code?.shortcut ?? null,
    parentId: editing.parentId,
  })
  const [conflict, setConflict] = useState(false)
  const [shortcutError, setShortcutError] = useState<string | undefined>()
  const excluded = base ? descendantsOf(codes, base.id) : new Set<string>()
  const parents = codeTree(codes).filter(({ code }) => !excluded.has(code.id))

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const key = value.shortcut?.trim().toLowerCase() || null
    if (key && (RESERVED_KEYS as readonly string[]).includes(key)) return setShortcutError(t.coding.shortcutReserved)
    const taken = key ? codes.find((c) => c.shortcut === key && c.id !== base?.id) : undefined
    if (taken) return setShortcutError(t.coding.shortcutTaken(taken.name))
    setShortcutError(undefined)
    setConflict(false)
    save.mutate(
      base
        ? { codeId: base.id, body: { ...value, shortcut: key }, baseVersion: base.version }
        : { codeId: null, body: { ...value, shortcut: key } },
      {
        onSuccess: onDone,
        onError: async (err) => {
          if (isApiError(err) && err.code === 'CODE_CONFLICT' && base) {
            // show their version; the researcher makes the change again on it
            const now = (await listCodes(studyId).catch(() => ({ items: codes }))).items.find((c) => c.id === base.id)
            setConflict(true)
            if (now) {
              setBase(now)
              setValue({
                name: now.name,
                description: now.description,
                colour: now.colour,
                shortcut: now.shortcut,
                parentId: now.parentId,
              })
            }
          }
        },
      },
    )
  }

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <TextField
        label={t.coding.codeName}
        value={value.name}
        onChange={(name) => setValue({ ...value, name })}
        required
        maxLength={120}
        autoFocus
        error={fieldError(save.error, 'name')}
      />
      <TextField
        label={t.coding.codeDescription}
        value={value.description}
        onChange={(description) => setValue({ ...value, description })}
        multiline
        rows={2}
        optionalLabel={t.common.optional}
      />
      <div className="field">
        <label htmlFor={colourId} className="field__label">
          {t.coding.codeColour}
        </label>
        <input
          id={colourId}
          type="color"
          className="input input--colour"
          value={value.colour}
          onChange={(e) => setValue({ ...value, colour: e.target.value })}
        />
      </div>
      <TextField
        label={t.coding.codeShortcut}
        hint={t.coding.codeShortcutHint}
        value={value.shortcut ?? ''}
        onChange={(s) => setValue({ ...value, shortcut: s.slice(-1).toLowerCase() || null })}
        maxLength={1}
        optionalLabel={t.common.optional}
        error={shortcutError ?? fieldError(save.error, 'shortcut')}
      />
      <SelectField
        label={t.coding.codeParent}
        value={value.parentId ?? ''}
        options={[
          { value: '', label: t.coding.topLevel },
          ...parents.map(({ code, depth }) => ({ value: code.id, label: `${'— '.repeat(depth)}${code.name}` })),
        ]}
        onChange={(parentId) => setValue({ ...value, parentId: parentId || null })}
      />
      {conflict ? (
        <div className="alert alert--error" role="alert">
          <p>{t.coding.codeConflict}</p>
        </div>
      ) : null}
      {save.error && !conflict && !fieldError(save.error, 'name') ? <ErrorAlert error={save.error} /> : null}
      <div className="form-actions">
        <button type="button" className="btn btn--secondary" onClick={onCancel}>
          {t.common.cancel}
        </button>
        <button type="submit" className="btn btn--primary" disabled={save.isPending}>
          {save.isPending ? t.common.saving : t.common.save}
        </button>
      </div>
    </form>
  )
}
