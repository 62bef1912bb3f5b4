// RFC 9457 problem+json as sent by the API; the client shows French text per `code`.

export type ProblemFieldError = {
  field: string;
  code: string;
  message: string;
};

export type Problem = {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  errors?: ProblemFieldError[];
};

const problemMessages: Record<string, string> = {
  validation_failed: 'Certaines informations saisies sont invalides.',
  unauthenticated: 'Veuillez vous connecter pour continuer.',
  invalid_credentials: 'Adresse électronique ou mot de passe incorrect.',
  forbidden: "Vous n'avez pas les droits nécessaires pour cette action.",
  not_found: "L'élément demandé est introuvable.",
  csrf_rejected: 'La requête a été refusée par mesure de sécurité. Rechargez la page.',
  session_expired: 'Votre session a expiré. Reconnectez-vous.',
  account_disabled: 'Ce compte est désactivé. Contactez la cheffe ou le chef de projet Smicval.',
  too_many_attempts: 'Trop de tentatives de connexion. Réessayez plus tard.',
  wrong_password: 'Le mot de passe actuel est incorrect.',
  email_taken: 'Un compte utilise déjà cette adresse électronique.',
  user_not_found: 'Ce compte est introuvable.',
  token_not_found: 'Ce jeton est introuvable ou déjà révoqué.',
  last_lead: 'La plateforme doit garder au moins une cheffe ou un chef de projet actif.',
  member_role_mismatch: 'Le rôle du compte ne correspond pas au rôle demandé dans le projet pilote.',
  deadline_passed: 'La date limite de cette phase est dépassée.',
  over_entitlement: 'Le montant dépasse ce qui reste de la dotation pour ce fonds et cette année.',
  idempotency_conflict: 'Cette opération a déjà été envoyée avec un contenu différent.',
  already_reversed: 'Cette écriture a déjà été annulée.',
  reversal_not_reversible: 'Une écriture d’annulation ne peut pas être annulée.',
  pilot_not_started: 'Le projet pilote n’a pas encore de date de démarrage : aucun versement possible.',
  entry_not_found: 'Cette écriture est introuvable.',
  idempotency_key_required: 'La demande n’a pas pu être identifiée. Rechargez la page et réessayez.',
  idempotency_key_reused: 'Cette opération a déjà été envoyée avec un contenu différent.',
  actor_not_in_pilot: 'Cet acteur n’appartient pas à ce projet pilote.',
  receipt_not_found: 'Cette écriture n’a pas de justificatif.',
  receipt_exists: 'Cette écriture a déjà un justificatif ; il ne peut pas être remplacé.',
  receipt_not_allowed: 'Une écriture d’annulation ne porte pas de justificatif.',
  receipt_type_not_allowed: 'Le justificatif doit être un fichier PDF, JPEG ou PNG.',
  receipt_too_large: 'Le justificatif ne doit pas dépasser 10 Mo.',
  entry_type_forbidden: 'Seul·e la cheffe ou le chef de projet Smicval peut enregistrer ce type d’écriture.',
  out_of_bounds_requires_justification:
    'Ce territoire est hors des critères de l’appel : une justification est nécessaire.',
  call_not_found: "Cet appel à coopération est introuvable.",
  candidature_not_found: 'Cette candidature est introuvable.',
  invalid_edit_token: 'Ce lien de candidature est invalide. Vérifiez qu’il est complet.',
  already_decided: 'La décision sur cette candidature est déjà prise : elle ne peut plus être modifiée.',
  invalid_transition: 'Ce changement de statut n’est pas possible.',
  engagement_missing: 'Seule une candidature ayant déposé sa lettre d’engagement peut être retenue.',
  invalid_call: 'Les dates ou les bornes de l’appel sont incohérentes.',
  invalid_reopen: 'La date de réouverture doit être aujourd’hui ou plus tard.',
  too_many_submissions: 'Trop de candidatures envoyées depuis cette connexion en une heure. Réessayez plus tard.',
  report_issued: 'Ce rapport est déjà émis et ne peut plus être modifié.',
  report_not_found: 'Ce rapport est introuvable.',
  report_not_ready: 'Ce rapport n’est pas encore prêt : attendez la fin de sa production.',
  report_already_issued: 'Ce rapport est déjà émis ; générez une nouvelle version pour le mettre à jour.',
  report_year_out_of_range: 'Cette année de projet n’existe pas pour ce projet pilote.',
  report_pilot_not_started: 'Le projet pilote n’a pas encore de date de démarrage : ses années de projet ne sont pas définies.',
  report_queue_unavailable: 'La file de production des rapports est indisponible. Réessayez dans un instant.',
  waste_year_out_of_range: "Cette année est hors de la période du pilote (de l'année de référence à la fin de la dernière année de projet).",
  milestone_not_found: 'Ce jalon est introuvable.',
  milestone_field_forbidden: 'Seule la cheffe ou le chef de projet peut modifier la feuille de route ; vous pouvez mettre à jour le statut et la preuve.',
  target_year_out_of_range: "L'année de la cible doit être une année de projet du pilote.",
  evidence_file_invalid: 'Le fichier de preuve doit faire au plus 10 Mo.',
  evidence_file_not_found: "Ce jalon n'a pas de fichier de preuve.",
  notification_not_found: 'Cette notification est introuvable.',
  waste_needs_start_date: "Les données de déchets demandent la date de démarrage du pilote (l'année de référence la précède).",
  search_too_short: 'Saisissez au moins 2 caractères (hors espaces et jokers) pour rechercher.',
  internal_error: 'Une erreur inattendue est survenue. Réessayez plus tard.',
};

const statusMessages: Record<number, string> = {
  400: 'La demande est invalide.',
  401: 'Veuillez vous connecter pour continuer.',
  403: "Vous n'avez pas les droits nécessaires pour cette action.",
  404: "L'élément demandé est introuvable.",
  409: "Cette opération est en conflit avec l'état actuel des données.",
  422: 'Cette opération est refusée par une règle du dispositif.',
  500: 'Une erreur inattendue est survenue. Réessayez plus tard.',
  503: 'Le service est momentanément indisponible.',
};

// Codes of the per-field `errors` list; anything else shows the server's message.
const fieldMessages: Record<string, string> = {
  required: 'Ce champ est obligatoire.',
  unknown_field: "Ce champ n'est pas attendu.",
  invalid: 'Cette valeur est invalide.',
};

const fallbackMessage = 'Une erreur est survenue.';

export function isProblem(body: unknown): body is Problem {
  if (typeof body !== 'object' || body === null) return false;
  const candidate = body as Record<string, unknown>;
  return typeof candidate.code === 'string' && typeof candidate.status === 'number';
}

/** French message for an error body: known code first, then the server's detail, then the status. */
export function problemMessage(body: unknown): string {
  if (!isProblem(body)) return fallbackMessage;
  return (
    problemMessages[body.code] ??
    (body.detail ? body.detail : undefined) ??
    statusMessages[body.status] ??
    fallbackMessage
  );
}

/** Per-field messages, keyed by field, for showing under form inputs. */
export function problemFieldErrors(body: unknown): Record<string, string> {
  if (!isProblem(body) || !body.errors) return {};
  const byField: Record<string, string> = {};
  for (const error of body.errors) {
    byField[error.field] ??= fieldMessages[error.code] ?? error.message;
  }
  return byField;
}
