/**
 * The French error texts only a signed-in user meets (pilots, funding, autonomy, reports, the committee's work…).
 * The signed-in app adds them to the public part (messages-public.fr.ts) when its shell loads; the server reads both
 * through messages.fr.ts. Pure TypeScript, no imports.
 */

export const SIGNED_IN_ERROR_MESSAGES_FR = {
  // Calls and candidatures
  invalid_transition: 'Ce changement de statut n’est pas possible.',
  engagement_missing: 'Seule une candidature ayant déposé sa lettre d’engagement peut être retenue.',
  invalid_call: 'Les dates ou les bornes de l’appel sont incohérentes.',
  invalid_reopen: 'La date de réouverture doit être aujourd’hui ou plus tard.',
  scoring_not_open: 'La notation de cette candidature n’est pas encore ouverte.',
  recused_member:
    'Vous avez déclaré un lien avec cette candidature : vous êtes récusé(e), vous ne pouvez ni la noter ni voir les notes des autres membres.',
  conflict_declaration_required:
    'Déclarez d’abord si vous avez un lien avec cette candidature (élu, agent, famille…) avant de la noter.',
  invalid_declaration: 'Un lien déclaré doit préciser sa nature et une courte explication.',
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
  pilot_ended:
    'Ce projet pilote est clôturé comme « terminé » : il n’accepte plus de nouvelle activité. Les activités déjà enregistrées restent consultables.',
  date_before_pilot_life: 'Cette date précède la vie du projet pilote.',
  date_in_future: 'Cette date est dans le futur.',
  volunteer_hours_implausible: 'Le nombre d’heures bénévoles est invraisemblable pour cette activité.',
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
  // Activities: photos and the offline log
  idempotency_key_mismatch: 'Cette activité a déjà été envoyée avec un autre contenu.',
  activity_photo_not_found: 'Cette photo est introuvable.',
  activity_photo_limit_reached: 'Une activité a au plus 5 photos : supprimez-en une avant d’en ajouter.',
  activity_photo_form_invalid: 'La photo n’a pas été reçue. Choisissez-la de nouveau.',
  activity_photo_type_not_allowed: 'La photo doit être une image JPEG, PNG ou WebP.',
  activity_photo_unreadable: 'La photo est illisible (tronquée ou abîmée). Reprenez-la puis réessayez.',
  activity_photo_too_large: 'La photo ne doit pas dépasser 15 Mo.',
} as const satisfies Record<string, string>;
