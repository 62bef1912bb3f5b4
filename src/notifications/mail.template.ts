import type Handlebars from 'handlebars';
import { onFirstUse } from '../common/on-first-use';

// Loaded (and the templates compiled) by the first mail rendered, not at start.
const handlebars = onFirstUse<typeof Handlebars>('handlebars');

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

let compiled: { html: Handlebars.TemplateDelegate; text: Handlebars.TemplateDelegate } | undefined;

export type ReminderMail = { name: string; title: string; body: string; url: string | null };

export function renderReminderMail(m: ReminderMail): { subject: string; html: string; text: string } {
  compiled ??= {
    html: handlebars().compile(HTML, { strict: false }),
    text: handlebars().compile(TEXT, { noEscape: true }),
  };
  return { subject: `[Projet K] ${m.title}`, html: compiled.html(m), text: compiled.text(m) };
}
