import { api, type paths } from './client';

export type Health = paths['/api/health']['get']['responses'][200]['content']['application/json'];

/** Reads the health; a 503 carries the same body, so it is data here, not an error. */
export async function fetchHealth(): Promise<Health> {
  const { data, error, response } = await api.GET('/api/health');
  if (data) return data;
  if (response.status === 503 && error && 'database' in error) return error;
  throw new Error(`Réponse inattendue du service de santé (${response.status})`);
}
