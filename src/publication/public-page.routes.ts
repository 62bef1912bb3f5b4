import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { APP_CONFIG, AppConfig } from '../config/config';
import { OpenDataService } from './open-data.service';
import { renderNotFoundPage } from './public-page';
import { CommonErrorCode, CommonException } from '../common/errors/app.exception';
import { baseUrlOf } from './public-url';

/**
 * The public pages live outside /api and outside the browser app: server-rendered HTML that search engines
 * index and that reads without JavaScript. Registered on Fastify itself (before the single-page app's
 * fallback, which a named route outranks anyway). An unknown and an unpublished address get the same 404.
 */
export function registerPublicPages(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const config = app.get<AppConfig>(APP_CONFIG);
  fastify.get<{ Params: { slug: string } }>('/territoires/:slug', async (request, reply) => {
    void reply.header('content-type', 'text/html; charset=utf-8').header('x-content-type-options', 'nosniff');
    try {
      const html = await app.get(OpenDataService).page(request.params.slug, baseUrlOf(config, request));
      return reply.header('cache-control', 'public, max-age=300').send(html);
    } catch (e) {
      if (e instanceof CommonException && e.code === CommonErrorCode.NotFound)
        return reply.code(404).header('cache-control', 'no-cache').send(renderNotFoundPage());
      throw e;
    }
  });
}
