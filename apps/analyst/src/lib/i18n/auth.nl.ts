import type { AuthMessages } from './auth.en'

export const authNl = {
  auth: {
    signInTitle: 'Inloggen bij Klantreis',
    signInIntro: 'Breng klantreizen in kaart, toets wat u leert en verbeter de momenten die ertoe doen.',
    email: 'E-mailadres',
    password: 'Wachtwoord',
    signIn: 'Inloggen',
    signingIn: 'Inloggen…',
    signOut: 'Uitloggen',
    sessionEnded: 'Uw sessie is verlopen. Log opnieuw in.',
  },
  invite: {
    loading: 'Uitnodiging controleren…',
    title: (org) => `Word lid van ${org}`,
    intro: (email, role) => `U bent uitgenodigd als ${role} met ${email}.`,
    existingAccount: 'U hebt al een account: bevestig met uw wachtwoord.',
    newAccount: 'Maak uw account aan om de uitnodiging te accepteren.',
    name: 'Uw naam',
    password: 'Wachtwoord',
    newPassword: 'Kies een wachtwoord',
    passwordHint: 'Minstens 10 tekens.',
    accept: 'Uitnodiging accepteren',
    accepting: 'Accepteren…',
    invalidTitle: 'Deze uitnodiging kan niet worden gebruikt',
    goToSignIn: 'Naar inloggen',
  },
} satisfies AuthMessages
