export const en = {
  personas: {
    heading: 'Personas',
    intro:
      '“The customer” does not exist. Describe the groups that travel differently; in B2B, a persona is a role in the decision-making unit (DMU).',
    add: 'Add persona',
    editTitle: 'Edit persona',
    addTitle: 'New persona',
    name: 'Name',
    description: 'Description',
    dmuRole: 'DMU role',
    dmuNone: 'No DMU role',
    attributes: 'Attributes',
    attributesHint: 'Key facts such as age, region or contract type.',
    attributeKey: (n: number) => `Attribute ${n} name`,
    attributeValue: (n: number) => `Attribute ${n} value`,
    addAttribute: 'Add attribute',
    removeAttribute: (n: number) => `Remove attribute ${n}`,
    empty: 'No personas yet.',
    moveUp: 'Move up',
    moveDown: 'Move down',
    editNamed: (name: string) => `Edit persona ${name}`,
    deleteNamed: (name: string) => `Delete persona ${name}`,
    deleteConfirm: (name: string) => `Delete the persona “${name}”?`,
  },
}

export type PersonasMessages = typeof en
