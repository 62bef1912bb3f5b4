/**
 * The French error texts a visitor who is not signed in can meet: the codes shared by every module, the sign-in and
 * session codes, the public candidature form's codes, the per-status fallbacks and the per-field messages. The
 * public candidature pages and the sign-in page load only this part; the signed-in app adds
 * messages-signed-in.fr.ts. The server reads both through messages.fr.ts. Pure TypeScript, no imports: it compiles
 * for Node (CommonJS) and for the browser (Vite).
 */

export const PUBLIC_ERROR_MESSAGES_FR = {
  // Shared by every module
  validation_failed: 'Certaines informations saisies sont invalides.',
  invalid_characters: 'Le texte envoyé contient des caractères invalides (caractère nul ou mal encodé).',
  body_too_deep: 'La demande est trop imbriquée pour être traitée.',
  invalid_cursor: 'Le curseur de pagination est invalide. Rechargez la liste depuis le début.',
  invalid_input: 'Une valeur envoyée est invalide.',
  bad_url: 'L’adresse demandée est invalide.',
  uri_too_long: 'L’adresse demandée est trop longue.',
  method_not_allowed: 'Cette action n’est pas possible à cette adresse.',
  malformed_request: 'La demande est mal formée.',
  request_timeout: 'La demande a mis trop de temps à arriver. Réessayez.',
  headers_too_large: 'L’adresse ou les en-têtes de la demande sont trop longs.',
  unauthenticated: 'Veuillez vous connecter pour continuer.',
  forbidden: "Vous n'avez pas les droits nécessaires pour cette action.",
  not_found: "L'élément demandé est introuvable.",
  conflict: "Cette opération est en conflit avec l'état actuel des données.",
  payload_too_large: 'Le contenu envoyé est trop volumineux.',
  unsupported_media_type: 'Ce type de contenu n’est pas accepté.',
  too_many_requests: 'Trop de demandes. Réessayez dans un instant.',
  internal_error: 'Une erreur inattendue est survenue. Réessayez plus tard.',
  service_unavailable: 'Le service est momentanément indisponible. Réessayez dans un instant.',
  database_unavailable: 'La base de données est momentanément indisponible. Réessayez dans un instant.',
  queue_unavailable: 'La file de traitement est momentanément indisponible. Réessayez dans un instant.',
  // Accounts and sessions
  invalid_credentials: 'Adresse électronique ou mot de passe incorrect.',
  account_disabled: 'Ce compte est désactivé. Contactez la cheffe ou le chef de projet Smicval.',
  session_expired: 'Votre session a expiré. Reconnectez-vous.',
  csrf_rejected: 'La requête a été refusée par mesure de sécurité. Rechargez la page.',
  too_many_attempts: 'Trop de tentatives de connexion. Patientez un instant avant de réessayer.',
  weak_password: 'Ce mot de passe est trop faible : choisissez-en un plus long et moins prévisible.',
  wrong_password: 'Le mot de passe actuel est incorrect.',
  email_taken: 'Un compte utilise déjà cette adresse électronique.',
  user_not_found: 'Ce compte est introuvable.',
  token_not_found: 'Ce jeton est introuvable ou déjà révoqué.',
  last_lead: 'La plateforme doit garder au moins une cheffe ou un chef de projet actif.',
  member_role_mismatch: 'Le rôle du compte ne correspond pas au rôle demandé dans le projet pilote.',
  // Calls and candidatures
  call_not_found: 'Cet appel à coopération est introuvable.',
  candidature_not_found: 'Cette candidature est introuvable.',
  invalid_edit_token: 'Ce lien de candidature est invalide. Vérifiez qu’il est complet.',
  deadline_passed: 'La date limite de cette phase est dépassée.',
  already_decided: 'La décision sur cette candidature est déjà prise : elle ne peut plus être modifiée.',
  out_of_bounds_requires_justification:
    'Ce territoire est hors des critères de l’appel : une justification est nécessaire.',
  too_many_submissions: 'Trop de candidatures envoyées depuis cette connexion en une heure. Réessayez plus tard.',
  contact_email_required:
    'Indiquez une adresse électronique de contact : elle est nécessaire pour déposer la lettre d’engagement.',
} as const satisfies Record<string, string>;

/** When a code is unknown (a newer server, a proxy's error page), the status still says something true. */
export const STATUS_MESSAGES_FR: Record<number, string> = {
  400: 'La demande est invalide.',
  401: 'Veuillez vous connecter pour continuer.',
  403: "Vous n'avez pas les droits nécessaires pour cette action.",
  404: "L'élément demandé est introuvable.",
  405: 'Cette action n’est pas possible à cette adresse.',
  408: 'La demande a mis trop de temps à arriver. Réessayez.',
  409: "Cette opération est en conflit avec l'état actuel des données.",
  413: 'Le contenu envoyé est trop volumineux.',
  414: 'L’adresse demandée est trop longue.',
  415: 'Ce type de contenu n’est pas accepté.',
  422: 'Cette opération est refusée par une règle du dispositif.',
  429: 'Trop de demandes. Réessayez dans un instant.',
  431: 'L’adresse ou les en-têtes de la demande sont trop longs.',
  500: 'Une erreur inattendue est survenue. Réessayez plus tard.',
  502: 'Le service est momentanément indisponible. Réessayez dans un instant.',
  503: 'Le service est momentanément indisponible. Réessayez dans un instant.',
  504: 'Le service a mis trop de temps à répondre. Réessayez dans un instant.',
};

export const FALLBACK_MESSAGE_FR = 'Une erreur est survenue.';

type Constraint = unknown;
const n = (v: Constraint): string => (typeof v === 'number' ? v.toLocaleString('fr-FR') : String(v));
const chars = (v: Constraint): string => (v === 1 ? '1 caractère' : `${n(v)} caractères`);
const items = (v: Constraint): string => (v === 1 ? '1 élément' : `${n(v)} éléments`);

/**
 * Per-field French messages, keyed by the field error's `code` (class-validator's constraint name or
 * one of the API's own codes); `c` are the constraint's arguments (e.g. the maximum length).
 */
const FIELD_MESSAGES_FR: Record<string, (c: Constraint[]) => string> = {
  required: () => 'Ce champ est obligatoire.',
  unknown_field: () => "Ce champ n'est pas attendu.",
  invalid: () => 'Cette valeur est invalide.',
  invalid_characters: () => 'Ce texte contient un caractère invalide (caractère nul ou mal encodé).',
  too_deep: () => 'Cette valeur est trop imbriquée.',
  malformed_json: () => 'Le contenu de la demande n’est pas un JSON valide.',
  invalid_cursor: () => 'Ce curseur de pagination est invalide.',
  not_null: () => 'Ce champ ne peut pas être vide (null).',
  isDefined: () => 'Ce champ est obligatoire.',
  isNotEmpty: () => 'Ce champ est obligatoire.',
  isString: () => 'Saisissez un texte.',
  isBoolean: () => 'Choisissez oui ou non.',
  isInt: () => 'Saisissez un nombre entier.',
  isNumber: () => 'Saisissez un nombre.',
  isPositive: () => 'Saisissez un nombre positif.',
  min: (c) => `La valeur doit être au moins ${n(c[0])}.`,
  max: (c) => `La valeur doit être au plus ${n(c[0])}.`,
  minLength: (c) => `Saisissez au moins ${chars(c[0])}.`,
  maxLength: (c) => `Saisissez au plus ${chars(c[0])}.`,
  isLength: (c) =>
    c[0] === 1 && c[1] !== undefined
      ? `Ce champ est obligatoire (au plus ${chars(c[1])}).`
      : c[1] !== undefined
        ? `Saisissez entre ${n(c[0])} et ${chars(c[1])}.`
        : `Saisissez au moins ${chars(c[0])}.`,
  isIn: () => 'Choisissez une valeur de la liste.',
  isEnum: () => 'Choisissez une valeur de la liste.',
  isUuid: () => 'Cet identifiant est invalide.',
  isEmail: () => 'Saisissez une adresse électronique valide.',
  isUrl: () => 'Saisissez une adresse web valide (http ou https).',
  isBase64: () => 'Le fichier est mal encodé (base64 attendu).',
  matches: () => 'Le format de cette valeur est invalide.',
  isDateOnly: () => 'Saisissez une date valide (AAAA-MM-JJ, entre 2000 et 2100).',
  isDateString: () => 'Saisissez une date valide.',
  isIso8601: () => 'Saisissez une date valide.',
  maxDecimals: (c) => (c[0] === 0 ? 'Saisissez un nombre entier.' : `Saisissez au plus ${n(c[0])} décimales.`),
  isArray: () => 'Une liste est attendue.',
  arrayMinSize: (c) => `Indiquez au moins ${items(c[0])}.`,
  arrayMaxSize: (c) => `Indiquez au plus ${items(c[0])}.`,
  arrayUnique: () => 'La liste contient des doublons.',
  isObject: () => 'Un objet est attendu (des champs regroupés).',
  nestedValidation: () => 'Un objet est attendu (des champs regroupés).',
  unknownValue: () => 'Un objet est attendu.',
  // Field codes the services raise after validation
  not_allowed: () => "Ce champ n'est pas accepté pour ce type d’écriture.",
  invalid_date: () => 'Saisissez une date qui existe au calendrier.',
  date_out_of_range: () => 'Cette date est hors de la période permise (du démarrage moins un an à aujourd’hui).',
  invalid_base64: () => 'Le fichier est mal encodé (base64 attendu).',
  year_out_of_range: () => 'Cette année de projet n’existe pas pour ce fonds.',
  in_the_past: () => 'La date doit être aujourd’hui ou plus tard.',
  below_minimum: () => 'Le maximum doit être au moins égal au minimum.',
  before_intention_deadline: () => 'La date limite d’engagement doit suivre celle de la lettre d’intention.',
};

const WITHOUT_ARGUMENTS: Record<string, string> = {
  min: 'Cette valeur est trop petite.',
  max: 'Cette valeur est trop grande.',
  minLength: 'Ce texte est trop court.',
  maxLength: 'Ce texte est trop long.',
  isLength: 'La longueur de ce texte n’est pas permise.',
  maxDecimals: 'Ce nombre a trop de décimales.',
  arrayMinSize: 'La liste est trop courte.',
  arrayMaxSize: 'La liste est trop longue.',
};

/**
 * The French message of one field error (the form shows it under the field, so the field is not named):
 * a field code first, then a problem code raised for one field (`weak_password`), then a generic text.
 */
export function fieldMessage(code: string, _field?: string, constraints: Constraint[] = []): string {
  const f = FIELD_MESSAGES_FR[code];
  // Without the constraint's arguments (a client reading an older answer), the generic text rather than a hole.
  if (f)
    return f.length > 0 && constraints.length === 0
      ? (WITHOUT_ARGUMENTS[code] ?? 'Cette valeur est invalide.')
      : f(constraints);
  return (PUBLIC_ERROR_MESSAGES_FR as Record<string, string>)[code] ?? 'Cette valeur est invalide.';
}

/** Whether the catalogue has a specific text for this field error code. */
export function hasFieldMessage(code: string): boolean {
  return code in FIELD_MESSAGES_FR;
}
