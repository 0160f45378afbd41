import type { PersonasMessages } from './en'

export const nl = {
  personas: {
    heading: 'Persona’s',
    intro:
      '“De klant” bestaat niet. Beschrijf de groepen die de reis verschillend beleven; in B2B is een persona een rol in de beslissingseenheid (DMU).',
    add: 'Persona toevoegen',
    editTitle: 'Persona bewerken',
    addTitle: 'Nieuwe persona',
    name: 'Naam',
    description: 'Beschrijving',
    dmuRole: 'DMU-rol',
    dmuNone: 'Geen DMU-rol',
    attributes: 'Kenmerken',
    attributesHint: 'Kerngegevens zoals leeftijd, regio of soort contract.',
    attributeKey: (n) => `Naam van kenmerk ${n}`,
    attributeValue: (n) => `Waarde van kenmerk ${n}`,
    addAttribute: 'Kenmerk toevoegen',
    removeAttribute: (n) => `Kenmerk ${n} verwijderen`,
    empty: 'Nog geen persona’s.',
    moveUp: 'Omhoog',
    moveDown: 'Omlaag',
    editNamed: (name) => `Persona ${name} bewerken`,
    deleteNamed: (name) => `Persona ${name} verwijderen`,
    deleteConfirm: (name) => `De persona “${name}” verwijderen?`,
  },
} satisfies PersonasMessages
