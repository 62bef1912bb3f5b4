import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { Column, toCsv, toXlsx } from './export';

type Row = { label: string; amountCents: number };
const columns: Column<Row>[] = [
  { header: 'Libellé', value: (r) => r.label },
  { header: 'Montant (€)', value: (r) => r.amountCents, kind: 'cents' },
];

describe('table export', () => {
  it('writes RFC 4180 CSV with a BOM, euros from cents, quoting and formula neutralising', () => {
    const csv = toCsv(columns, [
      { label: 'Compost, broyeur', amountCents: 123456 },
      { label: '=HYPERLINK("x")', amountCents: -5 },
    ]);
    expect(csv).toBe('\uFEFFLibellé,Montant (€)\r\n"Compost, broyeur",1234.56\r\n"\'=HYPERLINK(""x"")",-0.05\r\n');
  });

  it('writes XLSX with numbers as numbers', async () => {
    const buf = await toXlsx('Grand livre', columns, [{ label: 'A', amountCents: 150 }], [{ label: 'Total', amountCents: 150 }]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Grand livre')!;
    expect(ws.getRow(2).getCell(2).value).toBe(1.5);
    expect(ws.getRow(3).getCell(1).value).toBe('Total');
  });
});
