import type { Kysely, Selectable } from 'kysely'
import type { DB, MailMessageTable } from '../../db/schema.js'
import { withInviteToken } from '../../email/templates/team-invitation.js'
import type { OutgoingMail } from '../../email/transport.js'
import { hashToken, newToken } from '../../lib/tokens.js'
import { setInvitationMailToken } from './team.queries.js'

/**
 * A team invitation's mail, completed when it is sent: the outbox row holds the body without the
 * working token; a fresh one is minted now (only its hash is stored, beside the hash of the link the
 * admin was shown) and put in. An invitation accepted, revoked or expired since is not sent.
 */
export async function composeInvitationMail(
  db: Kysely<DB>,
  msg: Selectable<MailMessageTable> & { invitation_id: string },
): Promise<{ mail: OutgoingMail } | { suppressed: string }> {
  const token = newToken()
  if (!(await setInvitationMailToken(db, msg.invitation_id, hashToken(token))))
    return { suppressed: 'invitation no longer open' }
  return {
    mail: {
      to: msg.to_address,
      subject: msg.subject,
      text: withInviteToken(msg.text_body ?? '', token),
      html: withInviteToken(msg.html_body ?? '', token),
      headers: { 'X-Klantreis-Message': msg.id },
    },
  }
}
