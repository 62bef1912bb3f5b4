import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/config';

/** The site's address for canonical and data URLs: PUBLIC_URL when set, else the address this request came to. */
export function baseUrlOf(config: AppConfig, request: FastifyRequest): string {
  if (config.publicUrl) return config.publicUrl;
  return `${request.protocol}://${request.host}`;
}
