/**
 * The French text of every error the API answers: `detail` per problem code, and the per-field
 * message per validation constraint. The server writes them into problem+json and the client imports
 * this same file (client/src/api/problem.ts), so there is one catalogue. Pure TypeScript, no imports:
 * it compiles for Node (CommonJS) and for the browser (Vite).
 */

export const ERROR_MESSAGES_FR = {
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
  invalid_transition: 'Ce changement de statut n’est pas possible.',
  engagement_missing: 'Une candidature sans lettre d’engagement ne peut être retenue.',
  out_of_bounds_requires_justification:
    'Ce territoire est hors des critères de l’appel : une justification est nécessaire.',
  invalid_call: 'Les dates ou les bornes de l’appel sont incohérentes.',
  invalid_reopen: 'La date de réouverture doit être aujourd’hui ou plus tard.',
  too_many_submissions: 'Trop de candidatures envoyées depuis cette connexion en une heure. Réessayez plus tard.',
  scoring_not_open: 'La notation de cette candidature n’est pas encore ouverte.',
  recused_member: 'Vous êtes récusé(e) : vous ne pouvez ni noter cette candidature ni voir ses notes.',
  conflict_declaration_required: 'Déclarez d’abord si vous avez un lien avec cette candidature avant de la noter.',
  invalid_declaration: 'Précisez la nature du lien et une courte explication.',
  contact_email_required: 'Adresse électronique requise.',
  // Pilots, actors, activities
  pilot_not_found: 'Ce projet pilote est introuvable.',
  start_date_required: 'Le projet pilote doit d’abord avoir une date de démarrage.',
  amendment_before_start: 'Un avenant ne peut pas prendre effet avant le démarrage du projet pilote.',
  start_after_amendment: 'La date de démarrage ne peut pas être postérieure à un avenant déjà enregistré.',
  candidature_has_pilot: 'Cette candidature a déjà donné lieu à un projet pilote.',
  pilot_already_closed: 'La décision de clôture de ce projet pilote est déjà enregistrée.',
  programme_not_over:
    'Le programme de ce projet pilote n’est pas terminé : la décision de clôture se prend après sa dernière année de fonctionnement.',
  actor_not_found: 'Cet acteur est introuvable.',
  contribution_not_found: 'Cette contribution est introuvable.',
  link_not_found: 'Ce lien entre acteurs est introuvable.',
  unknown_actor: 'Un des acteurs indiqués n’appartient pas à ce projet pilote.',
  actor_exists: 'Un acteur porte déjà ce nom dans ce projet pilote.',
  link_exists: 'Ces deux acteurs sont déjà reliés.',
  self_link: 'Un acteur ne peut pas être relié à lui-même.',
  year_out_of_range: 'Cette année de projet n’existe pas pour ce projet pilote.',
  activity_not_found: 'Cette activité est introuvable.',
  date_before_pilot_life: 'Cette date précède la vie du projet pilote.',
  date_in_future: 'Cette date est dans le futur.',
  volunteer_hours_implausible: 'Le nombre d’heures bénévoles est invraisemblable pour cette activité.',
  idempotency_key_mismatch: 'Activité déjà envoyée avec un autre contenu.',
  activity_photo_not_found: 'Cette photo est introuvable.',
  activity_photo_limit_reached: 'Une activité a au plus 5 photos : supprimez-en une avant d’en ajouter.',
  activity_photo_form_invalid: 'La photo n’a pas été reçue. Choisissez-la de nouveau.',
  activity_photo_type_not_allowed: 'La photo doit être une image JPEG, PNG ou WebP.',
  activity_photo_unreadable: 'La photo est illisible (tronquée ou abîmée). Reprenez-la puis réessayez.',
  activity_photo_too_large: 'La photo ne doit pas dépasser 15 Mo.',
  // Funding
  over_entitlement: 'Le montant dépasse ce qui reste de la dotation pour ce fonds et cette année.',
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
  receipt_unreadable:
    'Le justificatif est illisible : le fichier est tronqué ou abîmé, ou n’est pas un vrai PDF, JPEG ou PNG. Enregistrez-le de nouveau puis réessayez.',
  entry_type_forbidden: 'Seul·e la cheffe ou le chef de projet Smicval peut enregistrer ce type d’écriture.',
  year_contradicts_date: 'Cette année du projet ne correspond pas à la date de l’écriture.',
  attribution_forbidden: 'Seul·e la cheffe ou le chef de projet Smicval peut attribuer une écriture à une autre année.',
  // Autonomy, waste, notifications, home, health
  milestone_not_found: 'Ce jalon est introuvable.',
  milestone_field_forbidden:
    'Seule la cheffe ou le chef de projet peut modifier la feuille de route ; vous pouvez mettre à jour le statut et la preuve.',
  target_year_out_of_range: "L'année de la cible doit être une année de projet du pilote.",
  evidence_file_invalid: 'Le fichier de preuve doit faire au plus 10 Mo.',
  evidence_file_type_not_allowed: 'Le fichier de preuve doit être un PDF, une image JPEG ou PNG.',
  evidence_file_unreadable:
    'Le fichier de preuve est illisible : il est tronqué ou abîmé, ou n’est pas un vrai PDF, JPEG ou PNG. Enregistrez-le de nouveau puis réessayez.',
  evidence_file_not_found: "Ce jalon n'a pas de fichier de preuve.",
  waste_year_out_of_range:
    "Cette année est hors de la période du pilote (de l'année de référence à la fin de la dernière année de projet).",
  waste_needs_start_date:
    "Les données de déchets demandent la date de démarrage du pilote (l'année de référence la précède).",
  notification_not_found: 'Cette notification est introuvable.',
  search_too_short: 'Saisissez au moins 2 caractères (hors espaces et jokers) pour rechercher.',
  probe_not_found: 'Cette vérification est introuvable.',
  // Reports
  report_not_found: 'Ce rapport est introuvable.',
  report_not_ready: 'Ce rapport n’est pas encore prêt : attendez la fin de sa production.',
  report_already_issued: 'Ce rapport est déjà émis ; générez une nouvelle version pour le mettre à jour.',
  report_issued: 'Ce rapport est déjà émis et ne peut plus être modifié.',
  report_year_out_of_range: 'Cette année de projet n’existe pas pour ce projet pilote.',
  report_pilot_not_started:
    'Le projet pilote n’a pas encore de date de démarrage : ses années de projet ne sont pas définies.',
  report_final_too_early:
    'Le bilan du programme ne peut être établi qu’après la fin de la dernière année de fonctionnement du projet pilote.',
  report_review_closed: 'Ce rapport est émis : il ne reçoit plus de commentaires ni d’avis.',
  logo_invalid: 'Le logo doit être une image PNG ou JPEG de 256 Ko et 4 000 pixels de côté au plus.',
  logo_not_found: 'Aucun logo n’a été déposé.',
} as const satisfies Record<string, string>;

export type ErrorCode = keyof typeof ERROR_MESSAGES_FR;

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

/** The French `detail` of a problem code (falls back on the HTTP status, then on a generic text). */
export function errorDetail(code: string, status?: number): string {
  const known = (ERROR_MESSAGES_FR as Record<string, string>)[code];
  if (known) return known;
  return (status !== undefined ? STATUS_MESSAGES_FR[status] : undefined) ?? FALLBACK_MESSAGE_FR;
}

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
  return (ERROR_MESSAGES_FR as Record<string, string>)[code] ?? 'Cette valeur est invalide.';
}

/** Whether the catalogue has a specific text for this field error code. */
export function hasFieldMessage(code: string): boolean {
  return code in FIELD_MESSAGES_FR;
}
