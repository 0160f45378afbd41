import type { Code } from '@klantreis/shared/coding'
import { useId, useState, type FormEvent } from 'react'
import { ErrorAlert, Loading, Notice } from '../../../components/ui/alert'
import { ConfirmDialog, Dialog } from '../../../components/ui/dialog'
import { SelectField, TextField } from '../../../components/ui/field'
import { fieldError, isApiError } from '../../../lib/api-client'
import { useI18n } from '../../../lib/i18n'
import {
  codebookExportHref,
  listCodes,
  useCodes,
  useDeleteCode,
  useImportCodebook,
  useSaveCode,
  type CodeInput,
} from '../api/coding'
import { codeTree, descendantsOf, RESERVED_KEYS } from './code-tree'

type Editing = { code: Code | null; parentId: string | null }

/** The codebook as a tree: add, edit, move, delete (with a decision when in use), export and import. */
export function CodebookView({ studyId, canEdit }: { studyId: string; canEdit: boolean }) {
  const { t } = useI18n()
  const codes = useCodes(studyId)
  const [editing, setEditing] = useState<Editing | null>(null)
  const [deleting, setDeleting] = useState<Code | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const all = codes.data?.items ?? []
  const tree = codeTree(all)

  return (
    <div className="stack">
      <section className="panel stack" aria-labelledby="codebook-heading">
        <div className="section-header">
          <div>
            <h3 id="codebook-heading">{t.coding.codebook}</h3>
            <p className="muted">{t.coding.codebookIntro}</p>
          </div>
          <div className="form-actions form-actions--start">
            <a
              className="btn btn--secondary btn--small"
              href={codebookExportHref(studyId, 'json')}
              download="codebook.json"
            >
              {t.coding.exportJson}
            </a>
            <a
              className="btn btn--secondary btn--small"
              href={codebookExportHref(studyId, 'csv')}
              download="codebook.csv"
            >
              {t.coding.exportCsv}
            </a>
            {canEdit ? (
              <button
                type="button"
                className="btn btn--primary btn--small"
                onClick={() => setEditing({ code: null, parentId: null })}
              >
                {t.coding.addCode}
              </button>
            ) : null}
          </div>
        </div>
        {notice ? <Notice tone="success">{notice}</Notice> : null}
        {codes.isPending ? <Loading /> : null}
        {codes.isError ? <ErrorAlert error={codes.error} /> : null}
        {codes.data && tree.length === 0 ? <p className="muted">{t.coding.noCodesYet}</p> : null}
        <ul className="code-tree" aria-label={t.coding.codebook}>
          {tree.map(({ code, depth }) => (
            <li key={code.id} className="code-tree__item" style={{ marginLeft: `${depth * 1.5}rem` }}>
              <span className="code-swatch" style={{ backgroundColor: code.colour }} aria-hidden="true" />
              <div className="code-tree__body">
                <p>
                  <strong>{code.name}</strong>{' '}
                  {code.shortcut ? <kbd title={t.coding.codeShortcut}>{code.shortcut.toUpperCase()}</kbd> : null}{' '}
                  <span className="muted">· {t.coding.uses(code.uses)}</span>
                </p>
                {code.description ? <p className="muted">{code.description}</p> : null}
              </div>
              {canEdit ? (
                <div className="code-tree__actions">
                  <button
                    type="button"
                    className="btn btn--ghost btn--small"
                    onClick={() => setEditing({ code, parentId: code.parentId })}
                    aria-label={t.coding.editCode(code.name)}
                  >
                    {t.common.edit}
                  </button>
                  <button
                    type="button"
                    className="btn btn--ghost btn--small"
                    onClick={() => setEditing({ code: null, parentId: code.id })}
                    aria-label={t.coding.addChild(code.name)}
                  >
                    + {t.common.add}
                  </button>
                  <button
                    type="button"
                    className="btn btn--ghost btn--small btn--danger-text"
                    onClick={() => setDeleting(code)}
                    aria-label={t.coding.deleteCode(code.name)}
                  >
                    {t.common.delete}
                  </button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      {canEdit ? <ImportPanel studyId={studyId} /> : null}

      <Dialog
        open={editing !== null}
        title={editing?.code ? t.coding.editCode(editing.code.name) : t.coding.addCode}
        onClose={() => setEditing(null)}
      >
        {editing ? (
          <CodeForm
            key={editing.code?.id ?? `new-${editing.parentId}`}
            studyId={studyId}
            editing={editing}
            codes={all}
            onDone={() => {
              setEditing(null)
              setNotice(t.coding.codeSaved)
            }}
            onCancel={() => setEditing(null)}
          />
        ) : null}
      </Dialog>
      {deleting ? (
        <DeleteCode
          studyId={studyId}
          code={deleting}
          codes={all}
          onClose={() => setDeleting(null)}
          onDeleted={() => {
            setDeleting(null)
            setNotice(t.coding.codeDeleted)
          }}
        />
      ) : null}
    </div>
  )
}

function CodeForm({
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
  const { t } = useI18n()
  const save = useSaveCode(studyId)
  const colourId = useId()
  const [base, setBase] = useState(editing.code)
  const [value, setValue] = useState<CodeInput>({
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
      { codeId: base?.id ?? null, body: { ...value, shortcut: key }, baseVersion: base?.version },
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

function DeleteCode({
  studyId,
  code,
  codes,
  onClose,
  onDeleted,
}: {
  studyId: string
  code: Code
  codes: Code[]
  onClose: () => void
  onDeleted: () => void
}) {
  const { t } = useI18n()
  const del = useDeleteCode(studyId)
  const [inUse, setInUse] = useState<number | null>(code.uses > 0 ? code.uses : null)
  const [remapTo, setRemapTo] = useState('')
  const others = codeTree(codes).filter(({ code: c }) => c.id !== code.id)

  const run = (target?: string) =>
    del.mutate(
      { codeId: code.id, remapTo: target },
      {
        onSuccess: onDeleted,
        onError: (err) => {
          if (isApiError(err) && err.code === 'CODE_IN_USE')
            setInUse(Number(/(\d+)/.exec(err.message)?.[1] ?? code.uses) || code.uses || 1)
        },
      },
    )

  if (inUse === null)
    return (
      <ConfirmDialog
        open
        message={t.coding.deleteConfirm(code.name)}
        confirmLabel={t.common.delete}
        pending={del.isPending}
        error={del.error ? <ErrorAlert error={del.error} /> : null}
        onConfirm={() => run()}
        onClose={onClose}
      />
    )
  return (
    <Dialog open title={t.coding.inUseTitle} onClose={onClose} size="small">
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault()
          if (remapTo) run(remapTo)
        }}
      >
        <p>{t.coding.inUseIntro(code.name, inUse)}</p>
        <SelectField
          label={t.coding.remapTo}
          value={remapTo}
          options={[
            { value: '', label: t.coding.chooseCode },
            ...others.map(({ code: c, depth }) => ({ value: c.id, label: `${'— '.repeat(depth)}${c.name}` })),
          ]}
          onChange={setRemapTo}
        />
        {del.error && !(isApiError(del.error) && del.error.code === 'CODE_IN_USE') ? (
          <ErrorAlert error={del.error} />
        ) : null}
        <div className="form-actions">
          <button type="button" className="btn btn--secondary" onClick={onClose} autoFocus>
            {t.common.cancel}
          </button>
          <button type="submit" className="btn btn--danger" disabled={!remapTo || del.isPending}>
            {del.isPending ? t.common.deleting : t.coding.remapDelete}
          </button>
        </div>
      </form>
    </Dialog>
  )
}

function ImportPanel({ studyId }: { studyId: string }) {
  const { t } = useI18n()
  const importer = useImportCodebook(studyId)
  const fileId = useId()
  const [parseError, setParseError] = useState<string | null>(null)

  const onFile = async (file: File | undefined) => {
    if (!file) return
    setParseError(null)
    const text = await file.text()
    const csv = file.name.toLowerCase().endsWith('.csv') || file.type === 'text/csv'
    if (!csv) {
      try {
        JSON.parse(text)
      } catch {
        return setParseError(t.coding.notJson)
      }
    }
    importer.mutate({ format: csv ? 'csv' : 'json', text })
  }

  return (
    <section className="panel stack" aria-labelledby="codebook-import-heading">
      <h3 id="codebook-import-heading">{t.coding.importHeading}</h3>
      <div className="field">
        <label htmlFor={fileId} className="field__label">
          {t.coding.importFile}
        </label>
        <input
          id={fileId}
          type="file"
          accept=".json,.csv,application/json,text/csv"
          onChange={(e) => void onFile(e.target.files?.[0])}
          disabled={importer.isPending}
        />
      </div>
      {importer.isPending ? <Loading label={t.coding.importing} /> : null}
      {parseError ? (
        <div className="alert alert--error" role="alert">
          <p>{parseError}</p>
        </div>
      ) : null}
      {importer.isError ? <ErrorAlert error={importer.error} /> : null}
      {importer.data ? (
        <div className="alert alert--success" role="status">
          <p>{t.coding.imported(importer.data.created, importer.data.skipped.length)}</p>
          {importer.data.skipped.length > 0 ? (
            <ul>
              {importer.data.skipped.map((s, i) => (
                <li key={`${s.name}-${i}`}>
                  {s.name}: {s.reason}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  )
}
