import { describe, expect, it } from 'vitest';
import { renderReminderMail } from './mail.template';

describe('reminder e-mail', () => {
  it('is in French, links to the page and escapes what users typed', () => {
    const m = renderReminderMail({
      name: 'Camille',
      title: 'Jalon en retard — <b>Lieu</b>',
      body: 'Le jalon est en retard.',
      url: 'https://projet-k.example.org/pilotes/p1/autonomie',
    });
    expect(m.subject).toBe('[Projet K] Jalon en retard — <b>Lieu</b>');
    expect(m.html).toContain('Bonjour Camille');
    expect(m.html).toContain('&lt;b&gt;Lieu&lt;/b&gt;');
    expect(m.html).toContain('href="https://projet-k.example.org/pilotes/p1/autonomie"');
    expect(m.text).toContain('Ouvrir dans Projet K : https://projet-k.example.org/pilotes/p1/autonomie');
    expect(renderReminderMail({ name: 'C', title: 't', body: 'b', url: null }).html).not.toContain('href');
  });
});
