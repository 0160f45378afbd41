export const authEn = {
  auth: {
    signInTitle: 'Sign in to Klantreis',
    signInIntro: 'Map customer journeys, verify what you learn, and improve the moments that matter.',
    email: 'Email',
    password: 'Password',
    signIn: 'Sign in',
    signingIn: 'Signing in…',
    signOut: 'Sign out',
    sessionEnded: 'Your session has ended. Please sign in again.',
  },
  invite: {
    loading: 'Checking your invitation…',
    title: (org: string) => `Join ${org}`,
    intro: (email: string, role: string) => `You were invited as ${role} with ${email}.`,
    existingAccount: 'You already have an account: confirm with your password.',
    newAccount: 'Create your account to accept.',
    name: 'Your name',
    password: 'Password',
    newPassword: 'Choose a password',
    passwordHint: 'At least 10 characters.',
    accept: 'Accept invitation',
    accepting: 'Accepting…',
    invalidTitle: 'This invitation cannot be used',
    goToSignIn: 'Go to sign in',
  },
}

export type AuthMessages = typeof authEn
