import type { Code } from '@klantreis/shared/coding'
import { useState } from 'react'
import { ErrorAlert, Loading, Notice } from '../../../components/ui/alert'
import { Dialog } from '../../../components/ui/dialog'
import { useCodingI18n } from '../i18n'
import { codebookExportHref, useCodes } from '../api/coding'
import { CodeForm, type Editing } from './code-form'
import { ImportPanel } from './codebook-import'
import { codeTree } from './code-tree'
import { DeleteCode } from './delete-code'

/** The codebook as a tree: add, edit, move, delete (with a decision when in use), export and import. */
export function CodebookView({ studyId, canEdit }: { studyId: string; canEdit: boolean }) {
  const { t } = useCodingI18n()
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
