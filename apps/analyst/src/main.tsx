// The tokens and the shared base first: each feature's stylesheet loads with its chunk and must come after them.
import './styles/tokens.css'
import './styles/base.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/app'
import { AppProvider } from './app/provider'
import { takeInviteToken } from './lib/take-invite-token'

// Read before the first render (and only once, StrictMode renders twice) so the token leaves the URL at once.
const inviteToken = takeInviteToken()

const root = document.getElementById('root')
if (!root) throw new Error('#root missing from index.html')

createRoot(root).render(
  <StrictMode>
    <AppProvider>
      <App inviteToken={inviteToken} />
    </AppProvider>
  </StrictMode>,
)
