import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { INestApplicationContext, Type } from '@nestjs/common';
import { ModulesContainer, NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppModule } from './app.module';
import { sendProblem, toProblem } from './common/errors/problem.filter';
import { clientErrorHandler, DEFAULT_BODY_LIMIT, registerInputGuard } from './common/input-guard';
import { createValidationPipe } from './common/errors/validation';
import { CLIENT_DIST } from './common/paths';
import { AppConfig, TrustProxy } from './config/config';
import { SESSION_COOKIE } from './auth/sessions.service';
import { API_TOKEN_SCHEME, completeContract, SESSION_SCHEME } from './openapi-contract';

export function buildOpenApi(app: INestApplicationContext & NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Projet K API')
    .setDescription(
      'Pilotage des coopérations zéro déchet : appels, candidatures, projets pilotes, financement, autonomie, rapports.',
    )
    .setVersion('1')
    .addServer('/', 'The server that serves this document')
    .addCookieAuth(
      SESSION_COOKIE,
      { type: 'apiKey', in: 'cookie', description: 'Set by POST /api/auth/login' },
      SESSION_SCHEME,
    )
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', bearerFormat: 'pk_…', description: 'An API token created in the account page' },
      API_TOKEN_SCHEME,
    )
    .build();
  const controllers = [...app.get(ModulesContainer).values()].flatMap((m) =>
    [...m.controllers.values()].map((w) => w.metatype as Type),
  );
  return completeContract(SwaggerModule.createDocument(app, config), controllers);
}

// Nest's start-up inventory (every module and route mapped): useful when debugging, noise for a person starting it.
const STARTUP_INVENTORY = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

function useAppLogger(app: INestApplicationContext): void {
  const logger = app.get(Logger);
  const info = logger.log.bind(logger);
  logger.log = (message: unknown, ...rest: unknown[]) =>
    STARTUP_INVENTORY.has(rest.at(-1) as string) ? logger.debug(message, ...rest) : info(message, ...rest);
  app.useLogger(logger);
}

/**
 * TRUST_PROXY as Fastify takes it. `true` is read as "one proxy in front" (hop count 1), never as "trust every
 * address", which would make the client's own left-most X-Forwarded-For entry its IP.
 */
export function fastifyTrustProxy(trust: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  const hops = trust === true ? 1 : trust;
  // A hop count as proxy-addr's trust function: the first `hops` addresses from the socket inwards are proxies.
  if (typeof hops === 'number') return hops === 0 ? false : (_address: string, hop: number) => hop < hops;
  return hops;
}

/** Builds the HTTP application exactly as production runs it; tests call this too. */
export async function createHttpApp(
  config: AppConfig,
  options: { openApi?: boolean } = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    // Per route (see input-guard.ts): 1 MB, 15 MB where a file is uploaded.
    bodyLimit: DEFAULT_BODY_LIMIT,
    trustProxy: fastifyTrustProxy(config.trustProxy),
    // A caller's X-Request-Id is kept (so logs join across services), else a fresh one; echoed back.
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    clientErrorHandler,
    // A malformed URL (400) or an over-long route parameter (414), refused by the router before any hook.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => {
      const p = toProblem(error);
      p.instance = request.url;
      sendProblem(reply, p);
    },
  });
  // Before Nest registers its routes, so every route gets its body limit and the input guard.
  registerInputGuard(adapter.getInstance());
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
  });
  useAppLogger(app);
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());

  await app.register(fastifyCookie);
  // multipart/form-data for the routes that read it themselves (activity photos, src/common/multipart.ts); each
  // sets its own limits, and a route that does not read it refuses the empty body in validation.
  await app.register(fastifyMultipart, { limits: { fileSize: DEFAULT_BODY_LIMIT, files: 1, parts: 10 } });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine and Swagger UI set inline styles.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: config.cookieSecure,
  });

  if (options.openApi ?? true) {
    const document = buildOpenApi(app);
    SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  }

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    if (!/^[\w.-]{1,100}$/.test(request.id)) request.id = randomUUID();
    // pino-http reads the id from the raw request, so the logs and the response carry the same one.
    (request.raw as { id?: string }).id = request.id;
    void reply.header('x-request-id', request.id);
    done();
  });

  if (existsSync(resolve(CLIENT_DIST, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: CLIENT_DIST,
      prefix: '/',
      wildcard: false,
      index: false,
      // Brotli or gzip copies written at build time (scripts/compress-client.mjs), chosen by Accept-Encoding.
      preCompressed: true,
      // Vite names every asset by its content hash: a browser may keep it for good. Anything else (the page
      // itself) is revalidated, so a new release is seen at once.
      cacheControl: false,
      setHeaders: (reply, path) => {
        void reply.header(
          'cache-control',
          /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
    // Browser routes fall back to the single-page app; /api stays a JSON API with problem+json 404s.
    fastify.get('/*', (request, reply) => {
      if (request.url === '/api' || request.url.startsWith('/api/')) {
        const p = toProblem({ statusCode: 404, message: `No route ${request.method} ${request.url.split('?')[0]}` });
        return sendProblem(reply, p);
      }
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  }
  return app;
}

/** A process without HTTP (PROCESS_ROLE=worker): queue processors only. */
export async function createWorkerContext(config: AppConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { bufferLogs: true });
  useAppLogger(app);
  return app;
}
