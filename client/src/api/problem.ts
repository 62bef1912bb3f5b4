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
  deadline_passed: 'La date limite de cette phase est dépassée.',
  over_entitlement: 'Le montant dépasse ce qui reste de la dotation pour ce fonds et cette année.',
  idempotency_conflict: 'Cette opération a déjà été envoyée avec un contenu différent.',
  already_reversed: 'Cette écriture a déjà été annulée.',
  out_of_bounds_requires_justification:
    'Ce territoire est hors des critères de l’appel : une justification est nécessaire.',
  report_issued: 'Ce rapport est déjà émis et ne peut plus être modifié.',
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
