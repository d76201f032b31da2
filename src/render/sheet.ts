import PDFDocument from 'pdfkit';

/** A contact sheet page as the PDF draws it: thumbnails already scaled down and encoded as JPEG. */
export interface SheetPdfPage {
  readonly width: number;
  readonly height: number;
  readonly title: string;
  readonly footer: string;
  readonly margin: number;
  readonly cells: readonly {
    readonly x: number;
    readonly y: number;
    readonly width: number;
    readonly height: number;
    readonly jpeg: Uint8Array;
    readonly label: string;
    readonly detail: string;
    readonly labelX: number;
    readonly labelY: number;
    readonly labelWidth: number;
  }[];
}

export interface SheetPdfOptions {
  readonly title: string;
  readonly regularFont: string;
  readonly boldFont: string;
  /** Fixed, so the same proofs give the same bytes. */
  readonly date: Date;
}

/** Draw contact sheet pages: tagged, each thumbnail a figure with its label as alt text. */
export function renderSheetPdf(pages: readonly SheetPdfPage[], options: SheetPdfOptions): Promise<Uint8Array> {
  const doc = new PDFDocument({
    autoFirstPage: false,
    font: null as unknown as string,
    pdfVersion: '1.7',
    lang: 'en',
    tagged: true,
    displayTitle: true,
    info: { Title: options.title, Creator: 'Handout Press', CreationDate: options.date, ModDate: options.date },
  } as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('Regular', options.regularFont);
  doc.registerFont('Bold', options.boldFont);
  const root = doc.struct('Document');
  doc.addStructure(root);
  for (const page of pages) {
    doc.addPage({ size: [page.width, page.height], margin: 0 });
    const text = (type: string, font: string, size: number, value: string, x: number, y: number, width: number) => {
      const element = doc.struct(type, {}, () => {
        doc
          .font(font)
          .fontSize(size)
          .text(value, x, y, { width, height: size * 1.3, ellipsis: true, lineBreak: false });
      });
      root.add(element);
    };
    text('H1', 'Bold', 15, page.title, page.margin, page.margin, page.width - 2 * page.margin);
    for (const cell of page.cells) {
      const figure = doc.struct('Figure', { alt: `${cell.label}, ${cell.detail}` }, () => {
        doc.image(Buffer.from(cell.jpeg), cell.x, cell.y, { width: cell.width, height: cell.height });
      });
      root.add(figure);
      doc.markContent('Artifact');
      doc.lineWidth(0.5).strokeColor('#9a9a9a').rect(cell.x, cell.y, cell.width, cell.height).stroke();
      doc.endMarkedContent();
      doc.fillColor('#111111');
      text('P', 'Bold', 8, cell.label, cell.labelX, cell.labelY, cell.labelWidth);
      doc.fillColor('#444444');
      text('P', 'Regular', 7.5, cell.detail, cell.labelX, cell.labelY + 11, cell.labelWidth);
    }
    doc.fillColor('#444444');
    text('P', 'Regular', 8.5, page.footer, page.margin, page.height - page.margin - 10, page.width - 2 * page.margin);
  }
  root.end();
  doc.end();
  return done;
}
