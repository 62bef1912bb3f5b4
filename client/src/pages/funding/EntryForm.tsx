import { Alert, Button, FileInput, Group, Modal, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { problemFieldErrors, problemMessage } from '../../api/problem';
import { expenseCategoryLabels, fundLabels, type ExpenseCategory, type Fund } from '../../i18n/labels';
import { projectYearOfDate, todayInFrance, type ProjectYearRange } from '../../i18n/dates';
import { RECEIPT_ACCEPT, RECEIPT_MAX_BYTES, uploadReceipt } from './ReceiptUpload';
import {
  entryTypeLabels,
  eurosToCents,
  newIdempotencyKey,
  sourceKindLabels,
  type CreateEntry,
  type SourceKind,
} from './fundingApi';

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
};

/** One form for the four entry types; the fields follow the type. */
export function EntryForm({ pilotId, opened, onClose, types, initialType, operatingYears, projectYears }: Props) {
  const queryClient = useQueryClient();
  const phone = useMediaQuery('(max-width: 36em)') ?? false;
  const [type, setType] = useState<CreatableType>(initialType);
  const [fund, setFund] = useState<Fund>('operating');
  const [date, setDate] = useState(todayInFrance());
  // Until the person picks a year, the year is the one the date falls in.
  const [chosenYear, setYear] = useState<string | null>(null);
  const year = chosenYear ?? String(projectYearOfDate(projectYears, date) ?? 1);
  const [amount, setAmount] = useState('');
  const [reference, setReference] = useState('');
  const [category, setCategory] = useState<ExpenseCategory>('works');
  const [supplier, setSupplier] = useState('');
  const [source, setSource] = useState('');
  const [sourceKind, setSourceKind] = useState<SourceKind>('commune');
  const [description, setDescription] = useState('');
  const [receipt, setReceipt] = useState<File | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [receiptError, setReceiptError] = useState<string | null>(null);
  // The key belongs to this submission: kept across retries and double clicks, renewed after success.
  const key = useRef(newIdempotencyKey());

  const mutation = useMutation({
    mutationFn: async (body: CreateEntry) => {
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
      setYear(null);
      setReceipt(null);
      setAmount('');
      setReference('');
      setSupplier('');
      setSource('');
      setDescription('');
      await queryClient.invalidateQueries({ queryKey: ['funding', pilotId] });
      onClose();
    },
  });

  const fieldErrors = mutation.error ? problemFieldErrors(mutation.error) : {};
  const hasFund = type === 'disbursement' || type === 'expense';
  const isResource = type === 'cofinancing' || type === 'in_kind';
  const years =
    type === 'disbursement' && fund === 'investment' ? [1] : Array.from({ length: operatingYears }, (_, i) => i + 1);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (receiptError) return;
    const amountCents = eurosToCents(amount);
    if (amountCents === null) {
      setLocalError('Indiquez un montant positif en euros, avec au plus deux décimales.');
      return;
    }
    setLocalError(null);
    const body: CreateEntry = {
      type,
      year: Number(years.includes(Number(year)) ? year : years[0]),
      amountCents,
      date,
      reference: reference.trim(),
      ...(hasFund ? { fund } : {}),
      ...(type === 'expense' ? { category, supplier: supplier.trim() } : {}),
      ...(isResource ? { source: source.trim(), sourceKind } : {}),
      ...(description.trim() ? { description: description.trim() } : {}),
    };
    mutation.mutate(body);
  }

  return (
    <Modal opened={opened} onClose={onClose} title="Nouvelle écriture" size="lg" fullScreen={phone}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Select
            label="Type d'écriture"
            data={types.map((t) => ({ value: t, label: entryTypeLabels[t] }))}
            value={type}
            onChange={(v) => v && setType(v as CreatableType)}
            allowDeselect={false}
          />
          {hasFund && (
            <Select
              label="Fonds"
              data={(['investment', 'operating'] as Fund[]).map((f) => ({ value: f, label: fundLabels[f] }))}
              value={fund}
              onChange={(v) => v && setFund(v as Fund)}
              allowDeselect={false}
              error={fieldErrors.fund}
            />
          )}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label="Année du projet"
              data={years.map((y) => ({ value: String(y), label: `Année ${y}` }))}
              value={years.includes(Number(year)) ? year : String(years[0])}
              onChange={(v) => v && setYear(v)}
              allowDeselect={false}
              error={fieldErrors.year}
            />
            <TextInput
              label="Montant (€)"
              value={amount}
              onChange={(e) => setAmount(e.currentTarget.value)}
              inputMode="decimal"
              required
              error={localError ?? fieldErrors.amountCents}
            />
            <TextInput
              label="Date"
              type="date"
              value={date}
              onChange={(e) => setDate(e.currentTarget.value)}
              required
              error={fieldErrors.date}
            />
          </SimpleGrid>
          <TextInput
            label={
              type === 'disbursement'
                ? 'Référence du paiement'
                : type === 'expense'
                  ? 'N° de facture'
                  : 'Référence (délibération, convention…)'
            }
            value={reference}
            onChange={(e) => setReference(e.currentTarget.value)}
            required
            error={fieldErrors.reference}
          />
          {type === 'expense' && (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label="Catégorie"
                data={(Object.keys(expenseCategoryLabels) as ExpenseCategory[]).map((c) => ({
                  value: c,
                  label: expenseCategoryLabels[c],
                }))}
                value={category}
                onChange={(v) => v && setCategory(v as ExpenseCategory)}
                allowDeselect={false}
                error={fieldErrors.category}
              />
              <TextInput
                label="Fournisseur"
                value={supplier}
                onChange={(e) => setSupplier(e.currentTarget.value)}
                required
                error={fieldErrors.supplier}
              />
            </SimpleGrid>
          )}
          {isResource && (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label="Source"
                description="Qui apporte l'argent ou la contribution"
                value={source}
                onChange={(e) => setSource(e.currentTarget.value)}
                required
                error={fieldErrors.source}
              />
              <Select
                label="Type de source"
                data={(Object.keys(sourceKindLabels) as SourceKind[])
                  .filter((k) => k !== 'actor')
                  .map((k) => ({ value: k, label: sourceKindLabels[k] }))}
                value={sourceKind}
                onChange={(v) => v && setSourceKind(v as SourceKind)}
                allowDeselect={false}
              />
            </SimpleGrid>
          )}
          <FileInput
            label="Justificatif (facultatif)"
            description="PDF, JPEG ou PNG, 10 Mo au plus : une photo de la facture suffit."
            placeholder="Choisir un fichier"
            accept={RECEIPT_ACCEPT}
            value={receipt}
            onChange={(file) => {
              setReceiptError(file && file.size > RECEIPT_MAX_BYTES ? 'Le justificatif dépasse 10 Mo.' : null);
              setReceipt(file);
            }}
            clearable
            error={receiptError}
          />
          <Textarea
            label="Description"
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            autosize
            minRows={2}
          />
          {mutation.error && <Alert color="red">{problemMessage(mutation.error)}</Alert>}
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
