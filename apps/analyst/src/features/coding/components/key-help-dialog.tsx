import { Dialog } from '../../../components/ui/dialog'
import { useCodingI18n } from '../i18n'
import type { codeTree } from './code-tree'

/** The workbench's keys, with each code's shortcut. */
export function KeyHelpDialog({
  open,
  onClose,
  codeList,
}: {
  open: boolean
  onClose: () => void
  codeList: ReturnType<typeof codeTree>
}) {
  const { t } = useCodingI18n()
  return (
    <Dialog open={open} title={t.coding.keys} onClose={onClose}>
      <table className="table key-help">
        <tbody>
          {t.coding.keyHelp.map(([k, what]) => (
            <tr key={k}>
              <th scope="row">
                <kbd>{k}</kbd>
              </th>
              <td>{what}</td>
            </tr>
          ))}
          {codeList
            .filter(({ code }) => code.shortcut)
            .map(({ code }) => (
              <tr key={code.id}>
                <th scope="row">
                  <kbd>{code.shortcut!.toUpperCase()}</kbd>
                </th>
                <td>{code.name}</td>
              </tr>
            ))}
        </tbody>
      </table>
      <div className="form-actions">
        <button type="button" className="btn btn--secondary" onClick={onClose} autoFocus>
          {t.common.close}
        </button>
      </div>
    </Dialog>
  )
}
