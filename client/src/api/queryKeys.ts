/**
 * Every query key of the signed-in app, in one place. The rule that makes refreshing after a write automatic:
 * everything about one pilot starts with ['pilot', id] (its record, tabs, ledger, autonomy, waste), so a write on a
 * pilot invalidates `queryKeys.pilot.all(id)` and every tab showing it reloads; lists that span pilots (the pilots
 * list, the home page, reports) have their own roots and are invalidated by name.
 */
export const queryKeys = {
  me: ['auth', 'me'] as const,
  tokens: ['auth', 'tokens'] as const,
  health: ['health'] as const,
  home: ['home'] as const,
  /** One view of the home (the lead's page and filters); invalidating `home` reloads them all. */
  homePage: (query: object) => ['home', query] as const,
  notifications: ['notifications'] as const,
  search: (text: string) => ['search', text] as const,
  indicators: ['indicators'] as const,
  wasteReferences: ['references', 'waste'] as const,
  calls: {
    all: ['calls'] as const,
    one: (id: string) => ['calls', id] as const,
    ranking: (id: string) => ['calls', id, 'ranking'] as const,
    candidatures: (id: string) => ['calls', id, 'candidatures'] as const,
  },
  candidatures: {
    one: (id: string) => ['candidatures', id] as const,
    evaluations: (id: string) => ['candidatures', id, 'evaluations'] as const,
  },
  pilots: {
    all: ['pilots'] as const,
    list: (filters: object) => ['pilots', filters] as const,
    navigation: (userId: string | undefined) => ['pilots', 'navigation', userId] as const,
  },
  pilot: {
    all: (id: string) => ['pilot', id] as const,
    record: (id: string) => ['pilot', id, 'record'] as const,
    overview: (id: string) => ['pilot', id, 'overview'] as const,
    network: (id: string) => ['pilot', id, 'network'] as const,
    contributions: (id: string) => ['pilot', id, 'contributions'] as const,
    activities: (id: string, filters: object) => ['pilot', id, 'activities', filters] as const,
    activity: (id: string, activityId: string) => ['pilot', id, 'activity', activityId] as const,
    amendments: (id: string) => ['pilot', id, 'amendments'] as const,
    funding: (id: string) => ['pilot', id, 'funding'] as const,
    fundingSummary: (id: string) => ['pilot', id, 'funding', 'summary'] as const,
    ledger: (id: string, filters: object) => ['pilot', id, 'funding', 'ledger', filters] as const,
    autonomy: (id: string) => ['pilot', id, 'autonomy'] as const,
    waste: (id: string) => ['pilot', id, 'waste'] as const,
    publication: (id: string) => ['pilot', id, 'publication'] as const,
  },
  reports: {
    all: ['reports'] as const,
    pilot: (pilotId: string) => ['reports', 'pilot', pilotId] as const,
    call: (callId: string) => ['reports', 'call', callId] as const,
    mine: () => ['reports', 'mine'] as const,
  },
  /** The offline activity log's queue (IndexedDB, not the API): per user and pilot. */
  offlineQueue: ['offline-queue'] as const,
  admin: {
    users: ['admin', 'users'] as const,
    pilotOptions: ['admin', 'pilots'] as const,
    audit: (filters: object) => ['admin', 'audit', filters] as const,
  },
};
