import { z } from 'zod';
import { formMessages } from '../../i18n/formMessages';
import { RECEIPT_MAX_BYTES } from './ReceiptUpload';
import { eurosToCents } from './fundingApi';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const line = (missing: string) =>
  z
    .string()
    .max(200, { error: formMessages.tooLong(200) })
    .refine((v) => v.trim() !== '', { error: missing });

/** The ledger entry form's rules, in French; the fields a type does not use are not checked. */
export const entrySchema = z
  .object({
    type: z.string(),
    fund: z.string(),
    date: z.string().regex(DATE, { error: formMessages.date }),
    // null: the year the date falls in (the person has not picked one).
    year: z.string().nullable(),
    amount: z.string().refine((v) => eurosToCents(v) !== null, {
      error: 'Indiquez un montant positif en euros, avec au plus deux décimales.',
    }),
    reference: line('Indiquez la référence.'),
    category: z.string(),
    supplier: z.string().max(200, { error: formMessages.tooLong(200) }),
    source: z.string().max(200, { error: formMessages.tooLong(200) }),
    sourceKind: z.string(),
    description: z.string().max(2000, { error: formMessages.tooLong(2000) }),
    attributionReason: z.string().max(500, { error: formMessages.tooLong(500) }),
    receipt: z
      .custom<File | null>()
      .refine((f) => !f || f.size <= RECEIPT_MAX_BYTES, { error: 'Le justificatif dépasse 10 Mo.' }),
  })
  .refine((v) => v.type !== 'expense' || v.supplier.trim() !== '', {
    error: 'Indiquez le fournisseur.',
    path: ['supplier'],
  })
  .refine((v) => !(v.type === 'cofinancing' || v.type === 'in_kind') || v.source.trim() !== '', {
    error: "Indiquez qui apporte l'argent ou la contribution.",
    path: ['source'],
  });

export type EntryFormValues = {
  type: string;
  fund: string;
  date: string;
  year: string | null;
  amount: string;
  reference: string;
  category: string;
  supplier: string;
  source: string;
  sourceKind: string;
  description: string;
  /** The lead's reason for booking the entry in another project year than its date's (sent only then). */
  attributionReason: string;
  receipt: File | null;
};
