import Handlebars from 'handlebars';

/**
 * The reminder e-mail, in French. Kept in code (not a .hbs asset) so the build needs no copy step;
 * Handlebars escapes every value, so titles typed by users cannot inject HTML.
 */
const HTML = `<!doctype html>
<html lang="fr"><body style="font-family: Arial, sans-serif; color: #1a1a1a">
<p>Bonjour {{name}},</p>
<p><strong>{{title}}</strong></p>
<p>{{body}}</p>
{{#if url}}<p><a href="{{url}}">Ouvrir dans Projet K</a></p>{{/if}}
<p style="color: #666; font-size: 12px">Rappel automatique de Projet K (Smicval). Vous le recevez parce que vous suivez ce projet ; il est aussi visible dans la cloche de notifications.</p>
</body></html>`;

const TEXT = `Bonjour {{name}},

{{title}}

{{body}}
{{#if url}}
Ouvrir dans Projet K : {{url}}
{{/if}}
--
Rappel automatique de Projet K (Smicval).`;

const html = Handlebars.compile(HTML, { strict: false });
const text = Handlebars.compile(TEXT, { noEscape: true });

export type ReminderMail = { name: string; title: string; body: string; url: string | null };

export function renderReminderMail(m: ReminderMail): { subject: string; html: string; text: string } {
  return { subject: `[Projet K] ${m.title}`, html: html(m), text: text(m) };
}
