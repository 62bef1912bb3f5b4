import { Alert, Button, FileInput, Group, Modal, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { api } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { setServerErrors, useSchemaForm } from '../../forms/schemaForm';
import { expenseCategoryLabels, fundLabels, type ExpenseCategory, type Fund } from '../../i18n/labels';
import { projectYearOfDate, todayInFrance, type ProjectYearRange } from '../../i18n/dates';
import { RECEIPT_ACCEPT, uploadReceipt } from './ReceiptUpload';
import { entrySchema, type EntryFormValues } from './entrySchema';
import {
  entryTypeLabels,
  eurosToCents,
  newIdempotencyKey,
  sourceKindLabels,
  type CreateEntry,
  type SourceKind,
} from './fundingApi';
import { queryKeys } from '../../api/queryKeys';

type CreatableType = CreateEntry['type'];

type Props = {
  pilotId: string;
  opened: boolean;
  onClose: () => void;
  types: CreatableType[];
  initialType: CreatableType;
  operatingYears: number;
  /** The pilot's project years (from the pilot record): « Année du projet » follows the entry's date. */
  projectYears: ProjectYearRange[];
  /** The lead may book an expense, co-financing or in-kind entry in another year than its date's, with a reason. */
  canAttribute: boolean;
};

/** The types whose year must be their date's (the server's rule); a disbursement is an instalment of any year. */
const DATED_YEAR_TYPES: CreatableType[] = ['expense', 'cofinancing', 'in_kind'];

/** One form for the four entry types; the fields follow the type. */
export function EntryForm({
  pilotId,
  opened,
  onClose,
  types,
  initialType,
  operatingYears,
  projectYears,
  canAttribute,
}: Props) {
  const queryClient = useQueryClient();
  const phone = useMediaQuery('(max-width: 36em)') ?? false;
  const form = useSchemaForm<EntryFormValues>(entrySchema, {
    type: initialType,
    fund: 'operating',
    date: todayInFrance(),
    year: null,
    amount: '',
    reference: '',
    category: 'works',
    supplier: '',
    source: '',
    sourceKind: 'commune',
    description: '',
    attributionReason: '',
    receipt: null,
  });
  const values = form.getValues();
  const type = values.type as CreatableType;
  // Until the person picks a year, the year is the one the date falls in.
  const dateYear = projectYearOfDate(projectYears, values.date);
  const year = values.year ?? String(dateYear ?? 1);
  // The key belongs to this submission: kept across retries and double clicks, renewed after success.
  const key = useRef(newIdempotencyKey());

  const mutation = useMutation({
    mutationFn: async ({ body, receipt }: { body: CreateEntry; receipt: File | null }) => {
      const { data, error } = await api.POST('/api/pilots/{id}/ledger', {
        params: { path: { id: pilotId }, header: { 'Idempotency-Key': key.current } },
        body,
      });
      if (error) throw error;
      if (receipt) {
        // The entry is written: a refused receipt is said, and can be attached again from the table.
        try {
          await uploadReceipt(pilotId, data.id, receipt);
        } catch (e) {
          notifications.show({
            color: 'red',
            title: `Écriture n° ${data.seq} enregistrée sans justificatif`,
            message: e instanceof Error ? e.message : String(e),
            autoClose: false,
          });
        }
      }
      return data;
    },
    onSuccess: async () => {
      key.current = newIdempotencyKey();
      // Type, fund, date and category stay for the next entry of a series.
      form.setValues({
        year: null,
        receipt: null,
        amount: '',
        reference: '',
        supplier: '',
        source: '',
        description: '',
        attributionReason: '',
      });
      form.resetDirty();
      await queryClient.invalidateQueries({ queryKey: queryKeys.pilot.all(pilotId) });
      onClose();
    },
    onError: (problem) => setServerErrors(form, problem, { amountCents: 'amount' }),
  });

  const hasFund = type === 'disbursement' || type === 'expense';
  const isResource = type === 'cofinancing' || type === 'in_kind';
  const years =
    type === 'disbursement' && values.fund === 'investment'
      ? [1]
      : Array.from({ length: operatingYears }, (_, i) => i + 1);
  const shownYear = years.includes(Number(year)) ? year : String(years[0]);
  // Another year than the date's: the server refuses it unless the lead says why.
  const otherYear = dateYear !== null && DATED_YEAR_TYPES.includes(type) && Number(shownYear) !== dateYear;
  const askReason = canAttribute && otherYear;

  const submit = form.onSubmit((v) => {
    // One entry per tap: a second tap while the first is on its way does nothing (the idempotency key backs it).
    if (mutation.isPending) return;
    const body: CreateEntry = {
      type,
      year: Number(shownYear),
      amountCents: eurosToCents(v.amount)!,
      date: v.date,
      reference: v.reference.trim(),
      ...(hasFund ? { fund: v.fund as Fund } : {}),
      ...(type === 'expense' ? { category: v.category as ExpenseCategory, supplier: v.supplier.trim() } : {}),
      ...(isResource ? { source: v.source.trim(), sourceKind: v.sourceKind as SourceKind } : {}),
      ...(v.description.trim() ? { description: v.description.trim() } : {}),
      ...(askReason && v.attributionReason.trim() ? { attributionReason: v.attributionReason.trim() } : {}),
    };
    mutation.mutate({ body, receipt: v.receipt });
  });

  return (
    <Modal opened={opened} onClose={onClose} title="Nouvelle écriture" size="lg" fullScreen={phone}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Select
            label="Type d'écriture"
            data={types.map((t) => ({ value: t, label: entryTypeLabels[t] }))}
            {...form.getInputProps('type')}
            allowDeselect={false}
          />
          {hasFund && (
            <Select
              label="Fonds"
              data={(['investment', 'operating'] as Fund[]).map((f) => ({ value: f, label: fundLabels[f] }))}
              allowDeselect={false}
              {...form.getInputProps('fund')}
            />
          )}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label="Année du projet"
              data={years.map((y) => ({ value: String(y), label: `Année ${y}` }))}
              allowDeselect={false}
              {...form.getInputProps('year')}
              value={shownYear}
            />
            <TextInput label="Montant (€)" inputMode="decimal" required {...form.getInputProps('amount')} />
            <TextInput label="Date" type="date" required {...form.getInputProps('date')} />
          </SimpleGrid>
          {askReason && (
            <Textarea
              label="Motif de l'attribution à une autre année"
              description={`La date est dans l'année ${dateYear} du projet : indiquez pourquoi l'écriture compte pour l'année ${shownYear}.`}
              maxLength={500}
              autosize
              minRows={2}
              {...form.getInputProps('attributionReason')}
            />
          )}
          <TextInput
            label={
              type === 'disbursement'
                ? 'Référence du paiement'
                : type === 'expense'
                  ? 'N° de facture'
                  : 'Référence (délibération, convention…)'
            }
            required
            {...form.getInputProps('reference')}
          />
          {type === 'expense' && (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label="Catégorie"
                data={(Object.keys(expenseCategoryLabels) as ExpenseCategory[]).map((c) => ({
                  value: c,
                  label: expenseCategoryLabels[c],
                }))}
                allowDeselect={false}
                {...form.getInputProps('category')}
              />
              <TextInput label="Fournisseur" required {...form.getInputProps('supplier')} />
            </SimpleGrid>
          )}
          {isResource && (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label="Source"
                description="Qui apporte l'argent ou la contribution"
                required
                {...form.getInputProps('source')}
              />
              <Select
                label="Type de source"
                data={(Object.keys(sourceKindLabels) as SourceKind[])
                  .filter((k) => k !== 'actor')
                  .map((k) => ({ value: k, label: sourceKindLabels[k] }))}
                allowDeselect={false}
                {...form.getInputProps('sourceKind')}
              />
            </SimpleGrid>
          )}
          <FileInput
            label="Justificatif (facultatif)"
            description="PDF, JPEG ou PNG, 10 Mo au plus : une photo de la facture suffit."
            placeholder="Choisir un fichier"
            accept={RECEIPT_ACCEPT}
            clearable
            {...form.getInputProps('receipt')}
            onChange={(file) => {
              form.setFieldValue('receipt', file);
              // Said at once: a photo too large is the usual mistake on a phone.
              void form.validateField('receipt');
            }}
          />
          <Textarea label="Description" {...form.getInputProps('description')} autosize minRows={2} />
          {mutation.error && (
            <Alert color="red" role="alert">
              {problemMessage(mutation.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Fermer
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              Enregistrer
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
