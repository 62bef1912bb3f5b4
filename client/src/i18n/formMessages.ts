// French texts of the client's forms: validation messages shared by the zod schemas, the unsaved-changes prompt and
// the draft notices. Field-specific messages stay beside their schema; everything generic comes from here.
export const formMessages = {
  required: 'Ce champ est obligatoire.',
  tooLong: (max: number) => `Au plus ${max.toLocaleString('fr-FR')} caractères.`,
  wholeNumber: 'Un nombre entier.',
  atLeast: (min: number) => `Au moins ${min.toLocaleString('fr-FR')}.`,
  atMost: (max: number) => `Au plus ${max.toLocaleString('fr-FR')}.`,
  date: 'Une date complète (jour, mois, année).',
  email: 'Une adresse e-mail valide, par exemple prenom.nom@commune.fr.',
  invalidSummary: 'Certaines informations manquent : voyez les champs signalés.',
  leaveConfirm: 'Vous avez des modifications non enregistrées. Quitter cette page en les abandonnant ?',
  draftRestored: (savedAt: string) =>
    `Brouillon restauré : le texte saisi le ${savedAt} sur cet appareil a été repris.`,
  draftDiscard: 'Abandonner le brouillon',
  draftTitle: 'Brouillon repris',
  emailNeededForEngagement:
    'Indiquez une adresse électronique : la décision et, en cas de lien perdu, un nouveau lien y seront envoyés.',
} as const;
