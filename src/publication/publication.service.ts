import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, changedFields } from '../audit/audit.service';
import type { RequestContext } from '../auth/auth.types';
import { PilotsService } from '../pilots/pilots.service';
import { CommonErrorCode, CommonException } from '../common/errors/app.exception';
import { PilotErrorCode, PilotException } from '../pilots/pilots.exception';
import { DEFAULT_LICENCE, LICENCES, LicenceId, Publication, PublicationInput } from './publication.types';

type Row = {
  pilotId: string;
  slug: string;
  published: boolean;
  licence: LicenceId;
  includeReports: boolean;
  publishedAt: Date | null;
};

const SELECT = `SELECT pilot_id AS "pilotId", slug, published, licence, include_reports AS "includeReports", published_at AS "publishedAt"
  FROM pilot_publications`;

/** 'Saint-Genès-de-Lombaud' → 'saint-genes-de-lombaud' (lower case ASCII words joined by hyphens, at most 80). */
export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 80)
    .replace(/^-+|-+$/g, '');
}

export const pagePath = (slug: string) => `/territoires/${slug}`;
export const dataPath = (slug: string) => `/api/open-data/pilots/${slug}`;

function toPublication(r: Row): Publication {
  return {
    pilotId: r.pilotId,
    published: r.published,
    slug: r.slug,
    licence: r.licence,
    licenceName: LICENCES[r.licence].name,
    includeReports: r.includeReports,
    publishedAt: r.publishedAt ? new Date(r.publishedAt).toISOString() : null,
    pagePath: pagePath(r.slug),
    dataPath: dataPath(r.slug),
  };
}

const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505';

const SLUG_TAKEN_FR = 'Cette adresse est déjà celle de la page publique d’un autre projet pilote.';

/** 409 on the slug; the French detail says which conflict (the catalogue's `conflict` text is generic). */
function slugTaken(): CommonException {
  return new CommonException(CommonErrorCode.Conflict, 'This address is taken by another pilot', [
    { field: 'slug', code: 'conflict', message: SLUG_TAKEN_FR },
  ]).withFrenchDetail(SLUG_TAKEN_FR);
}

/** Whether a pilot's public page and open data are on, under which address and licence: the lead decides. */
@Injectable()
export class PublicationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly pilots: PilotsService,
  ) {}

  /** The pilot's publication, or what it would be (off, a slug proposed from its communes). */
  async get(ctx: RequestContext, pilotId: string, m: EntityManager = this.db.manager): Promise<Publication> {
    const [row]: Row[] = await m.query(`${SELECT} WHERE pilot_id = $1`, [pilotId]);
    if (row) return toPublication(row);
    const pilot = await this.pilots.get(ctx, pilotId, m);
    return toPublication({
      pilotId,
      slug: await this.freeSlug(pilot.communes.map((c) => c.name).join(' ') || pilot.name, pilotId, m),
      published: false,
      licence: DEFAULT_LICENCE,
      includeReports: false,
      publishedAt: null,
    });
  }

  /** The lead switches the page on or off (and may set its address, licence and whether issued reports go with it). */
  async set(ctx: RequestContext, pilotId: string, input: PublicationInput): Promise<Publication> {
    try {
      return await this.db.transaction(async (m) => {
        const pilot = await this.pilots.get(ctx, pilotId, m);
        const [existing]: Row[] = await m.query(`${SELECT} WHERE pilot_id = $1 FOR UPDATE`, [pilotId]);
        const before = existing ? toPublication(existing) : await this.get(ctx, pilotId, m);
        if (input.published && !pilot.startDate)
          throw new PilotException(
            PilotErrorCode.StartDateRequired,
            'A pilot without a start date cannot be published yet',
            'published',
          );
        const slug = input.slug ?? before.slug;
        const [taken] = await m.query(`SELECT 1 FROM pilot_publications WHERE slug = $1 AND pilot_id <> $2`, [
          slug,
          pilotId,
        ]);
        if (taken) throw slugTaken();
        const switchedOn = input.published && !before.published;
        await m.query(
          `INSERT INTO pilot_publications (pilot_id, slug, published, licence, include_reports, published_at, published_by)
           VALUES ($1, $2, $3, $4, $5, CASE WHEN $6 THEN now() END, CASE WHEN $6 THEN $7::uuid END)
           ON CONFLICT (pilot_id) DO UPDATE SET slug = $2, published = $3, licence = $4, include_reports = $5,
             published_at = CASE WHEN $6 THEN now() ELSE pilot_publications.published_at END,
             published_by = CASE WHEN $6 THEN $7::uuid ELSE pilot_publications.published_by END,
             updated_at = now()`,
          [
            pilotId,
            slug,
            input.published,
            input.licence ?? before.licence,
            input.includeReports ?? before.includeReports,
            switchedOn,
            ctx.user?.id ?? null,
          ],
        );
        const [row]: Row[] = await m.query(`${SELECT} WHERE pilot_id = $1`, [pilotId]);
        const after = toPublication(row);
        const fields = (p: Publication) => ({
          published: p.published,
          slug: p.slug,
          licence: p.licence,
          includeReports: p.includeReports,
        });
        await this.audit.record(m, ctx, {
          action: input.published ? 'publication.on' : 'publication.off',
          entity: 'pilot_publication',
          entityId: pilotId,
          pilotId,
          ...changedFields(fields(before), fields(after)),
        });
        return after;
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw slugTaken();
      throw e;
    }
  }

  /** The published pilot at this address; an unknown and an unpublished slug get the same 404. */
  async published(slug: string): Promise<Publication> {
    const [row]: Row[] = await this.db.query(`${SELECT} WHERE slug = $1 AND published`, [slug]);
    if (!row) throw new CommonException(CommonErrorCode.NotFound, 'No published page here');
    return toPublication(row);
  }

  /** Every published pilot, by address. */
  async allPublished(): Promise<Publication[]> {
    const rows: Row[] = await this.db.query(`${SELECT} WHERE published ORDER BY slug`);
    return rows.map(toPublication);
  }

  /** A free address from a text: the text's slug, else the same with -2, -3… */
  private async freeSlug(text: string, pilotId: string, m: EntityManager): Promise<string> {
    let base = slugify(text);
    if (base.length < 3) base = `pilote-${pilotId.slice(0, 8)}`;
    const rows: { slug: string }[] = await m.query(
      `SELECT slug FROM pilot_publications WHERE pilot_id <> $1 AND (slug = $2 OR slug LIKE $2 || '-%')`,
      [pilotId, base],
    );
    const used = new Set(rows.map((r) => r.slug));
    if (!used.has(base)) return base;
    for (let i = 2; ; i++) {
      const candidate = `${base.slice(0, 80 - String(i).length - 1)}-${i}`;
      if (!used.has(candidate)) return candidate;
    }
  }
}
