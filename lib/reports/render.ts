/** A report document as CSV (formula-safe, one section per table) and as a printable A4 PDF. */
import PDFDocument from 'pdfkit';
import { csvRecords } from '@/lib/csv/spreadsheet-safe';
import type { ReportDocument } from './documents';

export function reportCsv(doc: ReportDocument, accountName: string): string {
  const records: string[][] = [[`${doc.title} — ${accountName}`], [doc.subtitle]];
  for (const table of doc.tables) {
    records.push([], [table.title], table.columns, ...table.rows);
  }
  return csvRecords(records);
}

export function reportFilename(doc: ReportDocument, ext: 'csv' | 'pdf', now = new Date()): string {
  return `${doc.name}-${now.toISOString().slice(0, 10)}.${ext}`;
}

/** Landscape A4: heading, notes, then each table with repeated headers across pages. */
export async function reportPdf(doc: ReportDocument, accountName: string, generatedAt = new Date()): Promise<Buffer> {
  const pdf = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 36, info: { Title: `${doc.title} — ${accountName}`, Producer: 'Cardstock' } });
  const parts: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (part: Buffer) => parts.push(part));
    pdf.on('end', () => resolve(Buffer.concat(parts)));
    pdf.on('error', reject);
  });
  const left = pdf.page.margins.left;
  const width = pdf.page.width - left - pdf.page.margins.right;
  const bottom = pdf.page.height - pdf.page.margins.bottom;

  pdf.font('Helvetica-Bold').fontSize(15).fillColor('#000').text(`${doc.title} — ${accountName}`, left, 36, { width });
  pdf.font('Helvetica').fontSize(9).fillColor('#444').text(`${doc.subtitle}. Generated ${generatedAt.toISOString()}.`, { width });
  for (const note of doc.notes) pdf.text(note, { width });
  pdf.moveDown();

  for (const table of doc.tables) {
    const colWidth = width / table.columns.length;
    const drawRow = (cells: string[], bold: boolean) => {
      pdf
        .font(bold ? 'Helvetica-Bold' : 'Helvetica')
        .fontSize(7.5)
        .fillColor('#000');
      const heights = cells.map((cell) => pdf.heightOfString(cell, { width: colWidth - 4 }));
      const h = Math.max(10, ...heights) + 3;
      if (pdf.y + h > bottom) pdf.addPage();
      const y = pdf.y;
      cells.forEach((cell, i) => {
        pdf.text(cell, left + i * colWidth + 2, y, { width: colWidth - 4, align: table.numeric.includes(i) ? 'right' : 'left', lineBreak: true });
      });
      pdf.y = y + h;
      pdf
        .moveTo(left, pdf.y - 1)
        .lineTo(left + width, pdf.y - 1)
        .strokeColor('#ddd')
        .lineWidth(0.5)
        .stroke();
    };
    if (pdf.y + 40 > bottom) pdf.addPage();
    pdf.font('Helvetica-Bold').fontSize(10).fillColor('#000').text(table.title, left, pdf.y, { width });
    pdf.moveDown(0.3);
    drawRow(table.columns, true);
    if (table.rows.length === 0) drawRow(['No rows.'], false);
    for (const row of table.rows) drawRow(row, false);
    pdf.moveDown();
  }
  pdf.end();
  return finished;
}
