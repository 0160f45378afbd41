import type { Code } from '@klantreis/shared/coding'
import { useState } from 'react'
import { ErrorAlert } from '../../../components/ui/alert'
import { ConfirmDialog, Dialog } from '../../../components/ui/dialog'
import { SelectField } from '../../../components/ui/field'
import { isApiError } from '../../../lib/api-client'
import { useCodingI18n } from '../i18n'
import { useDeleteCode } from '../api/coding'
import { codeTree } from './code-tree'

/** Delete a code; one in use asks first whether its codings move to another code or go with it. */
export function DeleteCode({
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
  const { t } = useCodingI18n()
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
