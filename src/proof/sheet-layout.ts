/** One thumbnail to place: a proof image and its label. */
export interface SheetItem {
  readonly image: string;
  readonly widthPt: number;
  readonly heightPt: number;
  /** First label line (what the thumbnail is) and the second (template, page). */
  readonly label: string;
  readonly detail: string;
}

export interface SheetCell extends SheetItem {
  /** The thumbnail's box on the sheet, in points, fitted to the page's proportions. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Where the label lines start. */
  readonly labelX: number;
  readonly labelY: number;
  readonly labelWidth: number;
}

/** One sheet page, in points (US Letter landscape, which prints and mails everywhere). */
export interface SheetPage {
  readonly width: number;
  readonly height: number;
  readonly title: string;
  readonly footer: string;
  readonly cells: readonly SheetCell[];
}

const page = { width: 792, height: 612, margin: 36, header: 36, footer: 24 };
const cell = { width: 104, thumb: 126, label: 26, gap: 12 };

/** Lay thumbnails out in a grid, as many sheet pages as they need. */
export function layoutSheet(title: string, items: readonly SheetItem[]): SheetPage[] {
  const columns = Math.floor((page.width - 2 * page.margin + cell.gap) / (cell.width + cell.gap));
  const rowHeight = cell.thumb + cell.label + cell.gap;
  const rows = Math.floor((page.height - 2 * page.margin - page.header - page.footer + cell.gap) / rowHeight);
  const perPage = columns * rows;
  const left = (page.width - (columns * cell.width + (columns - 1) * cell.gap)) / 2;
  const top = page.margin + page.header;
  const total = Math.max(1, Math.ceil(items.length / perPage));
  const pages: SheetPage[] = [];
  for (let p = 0; p < total; p++) {
    const cells = items.slice(p * perPage, (p + 1) * perPage).map((item, i): SheetCell => {
      const column = i % columns;
      const row = Math.floor(i / columns);
      const scale = Math.min(cell.width / item.widthPt, cell.thumb / item.heightPt);
      const width = item.widthPt * scale;
      const height = item.heightPt * scale;
      const boxX = left + column * (cell.width + cell.gap);
      const boxY = top + row * rowHeight;
      return {
        ...item,
        // Centred horizontally, standing on the label so labels line up across a row.
        x: boxX + (cell.width - width) / 2,
        y: boxY + cell.thumb - height,
        width,
        height,
        labelX: boxX,
        labelY: boxY + cell.thumb + 5,
        labelWidth: cell.width,
      };
    });
    const count = `${items.length} ${items.length === 1 ? 'thumbnail' : 'thumbnails'}`;
    pages.push({
      width: page.width,
      height: page.height,
      title,
      footer: `${count} · sheet ${p + 1} of ${total} · Approved by: ____________________   Date: ____________`,
      cells,
    });
  }
  return pages;
}

export const sheetMargin = page.margin;
