import { api, type paths } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { queryKeys } from '../../api/queryKeys';

export type AdminUser = paths['/api/users']['get']['responses'][200]['content']['application/json'][number];
export type PilotOption = { id: string; name: string };

export const USERS_KEY = queryKeys.admin.users;
export const PILOT_OPTIONS_KEY = queryKeys.admin.pilotOptions;

/** An API refusal carried to the UI with its French message. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

export async function fetchUsers(): Promise<AdminUser[]> {
  const { data, error } = await api.GET('/api/users');
  if (!data) throw new ApiError(problemMessage(error), error);
  return data;
}

/** Every pilot (the lead sees all), for the assignment picker; fails softly when the pilots API is absent. */
export async function fetchPilotOptions(): Promise<PilotOption[]> {
  const { data, error } = await api.GET('/api/pilots', { params: { query: { limit: 100 } } });
  if (!data) throw new ApiError(problemMessage(error), error);
  return data.items.map((p) => ({ id: p.id, name: p.name }));
}
