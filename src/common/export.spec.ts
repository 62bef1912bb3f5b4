import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { Column, toCsv, toXlsx } from './export';

type Row = { label: string; amountCents: number };
const columns: Column<Row>[] = [
  { header: 'Libellé', value: (r) => r.label },
  { header: 'Montant (€)', value: (r) => r.amountCents, kind: 'cents' },
];

describe('table export', () => {
  const rows = [
    { label: 'Compost, broyeur', amountCents: 123456 },
    { label: 'Bac; composteur', amountCents: 0 },
    { label: '=HYPERLINK("x")', amountCents: -5 },
  ];

  it('writes CSV for French Excel by default: semicolons, decimal comma, BOM, quoting and formula neutralising', () => {
    expect(toCsv(columns, rows)).toBe(
      '\uFEFFLibellé;Montant (€)\r\nCompost, broyeur;1234,56\r\n"Bac; composteur";0,00\r\n"\'=HYPERLINK(""x"")";-0,05\r\n',
    );
    const flags: Column<{ ok: boolean; n: number }>[] = [
      { header: 'Validé', value: (r) => r.ok },
      { header: 'Heures', value: (r) => r.n, kind: 'number' },
    ];
    expect(toCsv(flags, [{ ok: true, n: 41.5 }])).toBe('\uFEFFValidé;Heures\r\nOui;41,5\r\n');
  });

  it('keeps the machine format with the rfc4180 dialect: commas and decimal dots', () => {
    expect(toCsv(columns, rows, undefined, 'rfc4180')).toBe(
      '\uFEFFLibellé,Montant (€)\r\n"Compost, broyeur",1234.56\r\nBac; composteur,0.00\r\n"\'=HYPERLINK(""x"")",-0.05\r\n',
    );
  });

  it('quotes a cell holding a line break, so a multi-line note stays one row', () => {
    const notes: Column<{ t: string }>[] = [{ header: 'Note', value: (r) => r.t }];
    expect(toCsv(notes, [{ t: 'ligne 1\nligne 2' }, { t: 'a\rb' }])).toBe(
      '\uFEFFNote\r\n"ligne 1\nligne 2"\r\n"a\rb"\r\n',
    );
  });

  it('writes dates as date cells in XLSX', async () => {
    const dated: Column<{ d: string }>[] = [{ header: 'Date', value: (r) => r.d, kind: 'date' }];
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toXlsx('Dates', dated, [{ d: '2024-03-15' }])) as unknown as ArrayBuffer);
    const c = wb.getWorksheet('Dates')!.getRow(2).getCell(1);
    expect(c.value).toEqual(new Date('2024-03-15T00:00:00Z'));
    expect(c.numFmt).toBe('dd/mm/yyyy');
  });

  it('writes XLSX with numbers as numbers', async () => {
    const buf = await toXlsx(
      'Grand livre',
      columns,
      [{ label: 'A', amountCents: 150 }],
      [{ label: 'Total', amountCents: 150 }],
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Grand livre')!;
    expect(ws.getRow(2).getCell(2).value).toBe(1.5);
    expect(ws.getRow(3).getCell(1).value).toBe('Total');
  });
});
