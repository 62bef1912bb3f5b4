import { escapeHtml } from '../common/html-pdf';
import { frenchDate } from '../common/format-fr';
import { todayInFrance } from '../common/codes';

/** What an acknowledgement of receipt says: the facts of the candidature and of its call. */
export type AcknowledgementFacts = {
  dossierNumber: string;
  callTitle: string;
  communes: string[];
  inhabitants: number;
  /** When the letter of intention was received (ISO instant). */
  receivedAt: string;
  intentionDeadline: string;
  engagementDeadline: string;
  contact: string | null;
  /** The private link, when the acknowledgement goes to the candidate (never in the lead's copy). */
  link: string | null;
};

const TIME = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' });

/** « le 2 décembre 2026 à 10:15 » (Paris time). */
export function receivedOn(iso: string): string {
  const d = new Date(iso);
  return `le ${frenchDate(todayInFrance(d))} à ${TIME.format(d)}`;
}

/** The next steps, as the call text describes them. */
export function nextSteps(f: AcknowledgementFacts): string[] {
  return [
    `Vous pouvez modifier votre lettre d'intention jusqu'au ${frenchDate(f.intentionDeadline)} à minuit (heure de Paris).`,
    `Complétez votre lettre d'engagement, avec vos pièces jointes (par exemple la délibération du conseil municipal), avant le ${frenchDate(f.engagementDeadline)} à minuit, avec votre lien privé.`,
    'Le comité de sélection étudie ensuite les candidatures ; la décision vous est communiquée par courriel.',
    'Lien perdu ? Demandez-en un nouveau avec votre adresse électronique : l’ancien cessera de fonctionner.',
  ];
}

/** The acknowledgement as a printable French page (for its PDF). */
export function acknowledgementHtml(f: AcknowledgementFacts): string {
  const e = escapeHtml;
  const rows: [string, string][] = [
    ['Numéro de dossier', f.dossierNumber],
    ['Appel', f.callTitle],
    ['Commune(s)', f.communes.join(', ')],
    ['Habitants concernés', f.inhabitants.toLocaleString('fr-FR')],
    ["Lettre d'intention reçue", receivedOn(f.receivedAt)],
    ["Date limite de la lettre d'engagement", frenchDate(f.engagementDeadline)],
  ];
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Accusé de réception — dossier ${e(f.dossierNumber)}</title>
<style>
body { font-family: 'DejaVu Sans', sans-serif; color: #1a1a1a; font-size: 11pt; line-height: 1.45; }
h1 { font-size: 17pt; margin: 0 0 4mm; } h2 { font-size: 12.5pt; margin: 7mm 0 2mm; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: 1.6mm 2mm; border-bottom: 1px solid #ccd5d8; vertical-align: top; }
th { width: 38%; font-weight: normal; color: #40555b; } .link { word-break: break-all; font-family: 'DejaVu Sans Mono', monospace; font-size: 9.5pt; }
.small { color: #40555b; font-size: 9pt; }
</style></head>
<body>
<p class="small">Smicval — Projet K · Appel à coopération pour un territoire zero waste</p>
<h1>Accusé de réception de votre candidature</h1>
<p>Le Smicval a bien reçu votre lettre d'intention. Conservez ce document : il porte votre numéro de dossier, à rappeler dans vos échanges.</p>
<table>${rows.map(([k, v]) => `<tr><th scope="row">${e(k)}</th><td>${e(v)}</td></tr>`).join('')}</table>
${f.link ? `<h2>Votre lien privé</h2><p>Il donne accès à votre candidature : ne le transmettez qu'aux personnes qui la préparent.</p><p class="link">${e(f.link)}</p>` : ''}
<h2>La suite</h2>
<ol>${nextSteps(f)
    .map((s) => `<li>${e(s)}</li>`)
    .join('')}</ol>
${f.contact ? `<p>Contact : ${e(f.contact)}</p>` : ''}
<p class="small">Vos données personnelles sont traitées par le Smicval pour instruire votre candidature ; voyez la notice « Données personnelles » du formulaire de candidature.</p>
</body></html>`;
}

/** The acknowledgement e-mail's text (the notification template adds the greeting and the link button). */
export function acknowledgementMail(f: AcknowledgementFacts): { title: string; body: string } {
  return {
    title: `Accusé de réception — dossier ${f.dossierNumber}`,
    body: [
      `Votre lettre d'intention pour l'appel « ${f.callTitle} » (${f.communes.join(', ')}) a bien été reçue ${receivedOn(f.receivedAt)}.`,
      `Numéro de dossier : ${f.dossierNumber}.`,
      f.link ? `Votre lien privé, à conserver : ${f.link}` : '',
      ...nextSteps(f),
      'L’accusé de réception est joint en PDF.',
    ]
      .filter(Boolean)
      .join('\n'),
  };
}

/** The e-mail that carries a new private link after « lien perdu ? ». */
export function recoveryMail(f: { dossierNumber: string; callTitle: string; link: string }): {
  title: string;
  body: string;
} {
  return {
    title: `Votre nouveau lien privé — dossier ${f.dossierNumber}`,
    body: [
      `Vous avez demandé un nouveau lien pour votre candidature à l'appel « ${f.callTitle} » (dossier ${f.dossierNumber}).`,
      `Votre nouveau lien privé : ${f.link}`,
      "L'ancien lien ne fonctionne plus. Si vous n'êtes pas à l'origine de cette demande, utilisez ce nouveau lien et prévenez le Smicval.",
    ].join('\n'),
  };
}
