import { describe, expect, it } from 'vitest';
import { navItemsFor } from './navigation';

const labels = (items: { label: string }[]) => items.map((i) => i.label);

describe('role-aware navigation', () => {
  it('gives the lead every section and the committee the calls only', () => {
    expect(labels(navItemsFor({ role: 'lead', pilotIds: [] }, []))).toEqual([
      'Accueil',
      'Appels',
      'Projets pilotes',
      'Rapports',
      'Administration',
    ]);
    expect(labels(navItemsFor({ role: 'committee', pilotIds: [] }, []))).toEqual(['Accueil', 'Appels']);
  });

  it('lists only the pilots a coordinator or reviewer belongs to, by name', () => {
    const pilots = [
      { id: 'a', name: 'Saint-Genès-de-Lombaud' },
      { id: 'b', name: 'Autre commune' },
    ];
    const items = navItemsFor({ role: 'coordinator', pilotIds: ['a'] }, pilots);
    expect(items).toEqual([
      { path: '/', label: 'Accueil' },
      { path: '/pilotes/a', label: 'Saint-Genès-de-Lombaud' },
      { path: '/rapports', label: 'Rapports' },
    ]);
    expect(labels(navItemsFor({ role: 'reviewer', pilotIds: ['a', 'b'] }, pilots))).toEqual([
      'Accueil',
      'Saint-Genès-de-Lombaud',
      'Autre commune',
      'Rapports',
    ]);
  });

  it('still shows the pilots when their names are not available, and nothing when signed out', () => {
    expect(labels(navItemsFor({ role: 'reviewer', pilotIds: ['a', 'b'] }, undefined))).toEqual([
      'Accueil',
      'Projet pilote 1',
      'Projet pilote 2',
      'Rapports',
    ]);
    expect(navItemsFor(null, [])).toEqual([]);
  });
});
