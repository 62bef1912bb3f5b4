import { describe, expect, it } from 'vitest';
import { pilotSnapshotFixture, waveSnapshotFixture } from '../../test/reports/snapshot.fixture';
import { euros, frenchDate, number, percent } from '../common/format-fr';
import { AUDIENCE_INFO, renderReportHtml } from './report-renderer';

const SHA = 'a'.repeat(64);
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

describe('report helpers', () => {
  it('formats euros from integer cents, exactly, in French', () => {
    expect(plain(euros(15_000_000))).toBe('150 000,00 €');
    expect(plain(euros(1))).toBe('0,01 €');
    expect(plain(euros(-12_345))).toBe('-123,45 €');
    // Beyond float-friendly sizes the cents stay right.
    expect(plain(euros(90_071_992_547_409))).toBe('900 719 925 474,09 €');
    expect(euros(null)).toBe('—');
  });

  it('formats dates, percentages and numbers', () => {
    expect(frenchDate('2023-06-02')).toBe('2 juin 2023');
    expect(frenchDate('2024-02-29T23:30:00.000Z')).toBe('29 février 2024');
    expect(frenchDate(null)).toBe('—');
    expect(plain(percent(0.3548))).toBe('35,5 %');
    expect(plain(percent(-0.082))).toBe('-8,2 %');
    expect(percent(null)).toBe('—');
    expect(plain(number(1234.56))).toBe('1 234,6');
  });
});

describe('renderReportHtml', () => {
  it('renders the same bytes for the same snapshot', () => {
    const a = renderReportHtml(pilotSnapshotFixture(), SHA);
    const b = renderReportHtml(pilotSnapshotFixture(), SHA);
    expect(a).toBe(b);
    expect(a.length).toBeGreaterThan(10_000);
  });

  it('is a self-contained French page with the key figures, charts and escaped narrative', () => {
    const html = plain(renderReportHtml(pilotSnapshotFixture(), SHA));
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('150 000,00 €');
    expect(html).toContain('82 345,67 €');
    expect(html).toContain('15 janvier 2024');
    expect(html).toContain('<h2>1. Chiffres clés</h2>');
    expect(html).toContain('<h2>8. Note de méthode</h2>');
    expect(html).toContain('<h2>9. Annexes</h2>');
    expect(html).toContain('data:image/png;base64,');
    expect(html).not.toMatch(/<script|https?:\/\/(?!projet)/);
    // The lead's text is escaped, and blank lines make paragraphs.
    expect(html).toContain('&lt;b&gt;fort succès&lt;/b&gt;');
    expect(html).toContain('<p>Ouverture de la ressourcerie.</p><p>');
  });

  it('changes cover, order and emphasis by audience, not the figures', () => {
    const order = (audience: 'ademe' | 'coopter' | 'board') => {
      const html = renderReportHtml(pilotSnapshotFixture({ audience }), SHA);
      return { html, ids: [...html.matchAll(/<section class="section[^"]*" id="([a-zA-Z]+)"/g)].map((m) => m[1]) };
    };
    const ademe = order('ademe');
    const board = order('board');
    expect(ademe.ids).toEqual(AUDIENCE_INFO.ademe.order);
    expect(board.ids).toEqual(AUDIENCE_INFO.board.order);
    expect(ademe.html).toContain('Rapport annuel d&#x27;exécution');
    expect(board.html).toContain(AUDIENCE_INFO.board.title);
    expect(board.html).toContain('Bureau du Smicval');
    expect(board.html).toMatch(/class="section emphasis" id="funding"/);
    expect(ademe.html).toMatch(/class="section emphasis" id="waste"/);
    for (const html of [ademe.html, board.html]) expect(plain(html)).toContain('82 345,67 €');
  });

  it('prints targets in their unit with one verdict, defines what it counts, and prints no internal note', () => {
    const html = plain(renderReportHtml(pilotSnapshotFixture(), SHA));
    expect(html).toContain('Taux d&#x27;autonomie financière ≥ 50 % en année 2 : cible non atteinte (mesuré : 45,3 %)');
    expect(html).not.toMatch(/[≥≤] 0\.\d/);
    expect(html).not.toContain('Atteint');
    expect(html).not.toContain('mise en avant');
    expect(html).toContain('<dt>Acteurs impliqués</dt>');
    expect(html).toContain('<dt>Acteurs actifs</dt>');
    // The key figures name the waste year the indicator table uses.
    expect(html).toContain("kg d'OMR par habitant (2024)");
    expect(html).toContain("Les indicateurs de déchets de l'année de projet 1 sont ceux de l'année civile 2024");
  });

  it('compares waste like for like: OMR with the national OMR, the total of reported streams with the national DMA', () => {
    const html = plain(renderReportHtml(pilotSnapshotFixture(), SHA));
    expect(html).toMatch(
      /Ordures ménagères résiduelles \(OMR\)<\/td><td class="num">198,4 kg \(2024\)<\/td><td class="num">245 kg \(2021\)/,
    );
    expect(html).toMatch(
      /Total des flux déclarés par le territoire \([^<]*Verre[^<]*\)<\/td><td class="num">527,7 kg \(2024\)<\/td><td class="num">615 kg \(2021\)/,
    );
    expect(html).toContain('Insee Première n° 2055');
  });

  it('says "non disponible" for a missing section instead of failing', () => {
    const s = pilotSnapshotFixture();
    s.sections.waste = { available: false, reason: "la rubrique « déchets » n'a pas pu être calculée" };
    const html = renderReportHtml(s, SHA);
    expect(html).toContain('Données non disponibles');
  });

  it('renders a wave report with a row per pilot and the total', () => {
    const html = plain(renderReportHtml(waveSnapshotFixture(), SHA));
    expect(html).toContain('Saint-Genès-de-Lombaud');
    expect(html).toContain('Total de la vague');
    expect(html).toContain('Appel à coopération 2023');
  });
});
