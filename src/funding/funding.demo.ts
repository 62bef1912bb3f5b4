import type { RequestContext } from '../auth/auth.types';
import { demoCalendar } from '../demo-kit/demo-calendar';
import type { DemoSeeder } from '../demo-kit/demo.types';
import { FundingService } from './funding.service';
import type { LedgerEntryInput } from './ledger-entries';
import { LedgerWritesService } from './ledger-writes.service';
import { ReceiptsService } from './receipts.service';

/** A minimal valid PDF, so the demo shows a downloadable receipt. */
const DEMO_RECEIPT_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 144]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/**
 * The demo pilot's ledger (the story's dates, moved onto the demo calendar): year-1 investment and operating paid, year-2 operating paid,
 * expenses in every category, co-financing from the commune and a grant, in-kind contributions, and one
 * duplicated invoice reversed — what an auditor would expect to find.
 */
export const seedFundingDemo: DemoSeeder = async (refs) => {
  if (!refs.pilotId) return;
  const pilotId = refs.pilotId;
  const funding = refs.app.get(FundingService);
  const ledger = refs.app.get(LedgerWritesService);
  const receipts = refs.app.get(ReceiptsService);
  const lead = refs.lead;
  const coordinator: RequestContext = {
    user: { ...refs.users.coordinator, role: 'coordinator', pilotIds: [pilotId] },
    requestId: 'demo-seed',
    ip: null,
    via: 'none',
  };
  const summary = await funding.summary(pilotId);
  const due = (fund: 'investment' | 'operating', year: number) =>
    summary.entitlements.find((e) => e.fund === fund && e.year === year)?.amountCents ?? 0;
  // The story's dates and the years in its reference numbers, moved onto the demo calendar.
  const cal = demoCalendar();
  const add = async (ctx: RequestContext, input: LedgerEntryInput) => {
    const yearShift = Number(cal.date(input.date).slice(0, 4)) - Number(input.date.slice(0, 4));
    const reference = input.reference.replace(/\b20\d\d\b/g, (y) => String(Number(y) + yearShift));
    return (await ledger.create(ctx, pilotId, { ...input, date: cal.date(input.date), reference })).entry;
  };

  await add(lead, {
    type: 'disbursement',
    fund: 'investment',
    year: 1,
    amountCents: due('investment', 1),
    date: '2023-12-04',
    reference: 'MANDAT-SMICVAL-2023-1187',
    description: 'Fonds d’investissement (80 € × habitants)',
  });
  await add(lead, {
    type: 'disbursement',
    fund: 'operating',
    year: 1,
    amountCents: due('operating', 1),
    date: '2023-12-04',
    reference: 'MANDAT-SMICVAL-2023-1188',
    description: 'Fonds de fonctionnement, année 1',
  });
  await add(lead, {
    type: 'disbursement',
    fund: 'operating',
    year: 2,
    amountCents: due('operating', 2),
    date: '2024-11-28',
    reference: 'MANDAT-SMICVAL-2024-1342',
    description: 'Fonds de fonctionnement, année 2',
  });

  const works = await add(coordinator, {
    type: 'expense',
    fund: 'investment',
    year: 1,
    amountCents: 38_450_00,
    date: '2024-02-20',
    reference: 'FAC-2024-0211',
    category: 'works',
    supplier: 'SARL Bâti Entre-deux-Mers',
    description: 'Aménagement du local de la ressourcerie',
  });
  await add(coordinator, {
    type: 'expense',
    fund: 'investment',
    year: 1,
    amountCents: 12_980_00,
    date: '2024-03-12',
    reference: 'FAC-BSO-5531',
    category: 'equipment',
    supplier: 'Broyeurs du Sud-Ouest',
    description: 'Broyeur de végétaux partagé',
  });
  await add(coordinator, {
    type: 'expense',
    fund: 'investment',
    year: 1,
    amountCents: 6_240_00,
    date: '2024-04-02',
    reference: 'FAC-ATL-0098',
    category: 'equipment',
    supplier: 'Atelier du Réemploi',
    description: 'Établis et outillage du repair café',
  });
  await add(coordinator, {
    type: 'expense',
    fund: 'operating',
    year: 1,
    amountCents: 14_200_00,
    date: '2024-06-30',
    reference: 'CONV-ANIM-2024',
    category: 'staff',
    supplier: 'Association Les Compostiers',
    description: 'Animation du compostage partagé (mi-temps, 6 mois)',
  });
  await add(coordinator, {
    type: 'expense',
    fund: 'operating',
    year: 1,
    amountCents: 3_600_00,
    date: '2024-05-15',
    reference: 'FAC-FORM-118',
    category: 'services',
    supplier: 'Zero Waste Bordeaux',
    description: 'Formation des référents',
  });
  await add(coordinator, {
    type: 'expense',
    fund: 'operating',
    year: 1,
    amountCents: 1_850_00,
    date: '2024-04-18',
    reference: 'FAC-IMP-2201',
    category: 'communication',
    supplier: 'Imprimerie de l’Entre-deux-Mers',
    description: 'Affiches et guide du tri',
  });
  const duplicate = await add(coordinator, {
    type: 'expense',
    fund: 'operating',
    year: 1,
    amountCents: 1_850_00,
    date: '2024-04-18',
    reference: 'FAC-IMP-2201',
    category: 'communication',
    supplier: 'Imprimerie de l’Entre-deux-Mers',
    description: 'Affiches et guide du tri',
  });
  await ledger.reverse(lead, pilotId, duplicate.id, 'Facture saisie deux fois');
  await add(coordinator, {
    type: 'expense',
    fund: 'operating',
    year: 1,
    amountCents: 420_00,
    date: '2024-09-21',
    reference: 'TICKET-0921',
    category: 'other',
    supplier: 'Épicerie du village',
    description: 'Collation de la fête du réemploi',
  });
  await add(coordinator, {
    type: 'expense',
    fund: 'operating',
    year: 2,
    amountCents: 15_600_00,
    date: '2025-03-31',
    reference: 'CONV-ANIM-2025',
    category: 'staff',
    supplier: 'Association Les Compostiers',
    description: 'Animation, premier semestre année 2',
  });
  await add(coordinator, {
    type: 'expense',
    fund: 'operating',
    year: 2,
    amountCents: 2_300_00,
    date: '2025-05-06',
    reference: 'FAC-ZWB-207',
    category: 'services',
    supplier: 'Zero Waste Bordeaux',
    description: 'Accompagnement à la tarification incitative',
  });

  await add(coordinator, {
    type: 'cofinancing',
    year: 1,
    amountCents: 5_000_00,
    date: '2024-01-25',
    reference: 'DELIB-CM-2024-04',
    source: 'Budget communal',
    sourceKind: 'commune',
    description: 'Part communale votée au budget primitif',
  });
  await add(coordinator, {
    type: 'cofinancing',
    year: 2,
    amountCents: 8_000_00,
    date: '2025-02-10',
    reference: 'DELIB-CM-2025-03',
    source: 'Budget communal',
    sourceKind: 'commune',
  });
  await add(coordinator, {
    type: 'cofinancing',
    year: 2,
    amountCents: 7_500_00,
    date: '2025-04-14',
    reference: 'ARRETE-REG-2025-0415',
    source: 'Région Nouvelle-Aquitaine — appel à projets économie circulaire',
    sourceKind: 'grant',
  });
  await add(coordinator, {
    type: 'cofinancing',
    year: 2,
    amountCents: 1_240_00,
    date: '2025-06-30',
    reference: 'CAISSE-RC-S1',
    source: 'Ventes de la ressourcerie',
    sourceKind: 'own_revenue',
  });
  await add(coordinator, {
    type: 'in_kind',
    year: 1,
    amountCents: 3_200_00,
    date: '2024-06-30',
    reference: 'CONV-SALLE-2024',
    source: 'Mairie — mise à disposition de la salle des fêtes',
    sourceKind: 'commune',
    description: '16 demi-journées valorisées 200 €',
  });
  await add(coordinator, {
    type: 'in_kind',
    year: 2,
    amountCents: 4_500_00,
    date: '2025-06-30',
    reference: 'BENEVOLAT-S1-2025',
    source: 'Bénévoles du repair café',
    sourceKind: 'other',
    description: '300 heures de bénévolat valorisées 15 €/h',
  });

  await receipts.attachReceipt(coordinator, pilotId, works.id, {
    filename: 'facture-travaux-ressourcerie.pdf',
    contentBase64: DEMO_RECEIPT_PDF.toString('base64'),
  });
  return {};
};
