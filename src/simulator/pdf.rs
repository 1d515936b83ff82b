//! A minimal PDF writer for the simulator's invoices and credit notes.
//!
//! The layout is deliberately plain: a title, a block of facts (payment id,
//! invoice number, dates, customer), a table with one row per payment line and
//! the totals. Text uses the standard Helvetica font with WinAnsi encoding, so
//! the content streams stay uncompressed and searchable.

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

/// What a rendered document shows; every value is already formatted.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PdfContent {
    /// The heading, e.g. `Invoice`.
    pub title: String,
    /// Label/value pairs printed under the heading.
    pub facts: Vec<(String, String)>,
    /// The table rows.
    pub lines: Vec<PdfLine>,
    /// Label/value pairs printed under the table.
    pub totals: Vec<(String, String)>,
}

/// One table row of a document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PdfLine {
    /// Article number.
    pub art_no: String,
    /// Line description.
    pub description: String,
    /// Quantity with its unit.
    pub quantity: String,
    /// Unit price without VAT.
    pub unit_amount: String,
    /// VAT percentage.
    pub vat_pct: String,
    /// Line total including VAT.
    pub total: String,
}

const PAGE_WIDTH: f32 = 595.0;
const PAGE_HEIGHT: f32 = 842.0;
const MARGIN: f32 = 50.0;
const LEADING: f32 = 14.0;
const FONT_SIZE: f32 = 10.0;
const TITLE_SIZE: f32 = 18.0;
/// Table rows per page; the first page also carries the heading and facts.
const ROWS_PER_PAGE: usize = 40;
/// Left edges of the table columns.
const COLUMNS: [f32; 6] = [MARGIN, 120.0, 300.0, 370.0, 450.0, 500.0];
const COLUMN_HEADINGS: [&str; 6] = [
    "Art. no",
    "Description",
    "Quantity",
    "Unit price",
    "VAT %",
    "Total",
];

const FONT: Name<'static> = Name(b"F1");
const BOLD: Name<'static> = Name(b"F2");

/// Renders `content` as a complete PDF file (it starts with `%PDF-`).
pub fn render(content: &PdfContent) -> Vec<u8> {
    let pages = paginate(content);
    let catalog_id = Ref::new(1);
    let tree_id = Ref::new(2);
    let font_id = Ref::new(3);
    let bold_id = Ref::new(4);
    let info_id = Ref::new(5);
    let first_page = 6;
    let page_ids: Vec<Ref> = (0..pages.len())
        .map(|i| Ref::new(first_page + 2 * i32_index(i)))
        .collect();

    let mut pdf = Pdf::new();
    pdf.catalog(catalog_id).pages(tree_id);
    pdf.pages(tree_id)
        .kids(page_ids.iter().copied())
        .count(i32_index(page_ids.len()));
    pdf.type1_font(font_id)
        .base_font(Name(b"Helvetica"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.type1_font(bold_id)
        .base_font(Name(b"Helvetica-Bold"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.document_info(info_id)
        .title(TextStr(&content.title))
        .producer(TextStr("resurs-aftershop simulator"));

    for (page_id, stream) in page_ids.iter().zip(pages) {
        let content_id = Ref::new(page_id.get() + 1);
        let mut page = pdf.page(*page_id);
        page.media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT))
            .parent(tree_id)
            .contents(content_id);
        let mut resources = page.resources();
        resources.fonts().pair(FONT, font_id).pair(BOLD, bold_id);
        resources.finish();
        page.finish();
        pdf.stream(content_id, &stream);
    }
    pdf.finish()
}

fn i32_index(value: usize) -> i32 {
    i32::try_from(value).unwrap_or(i32::MAX)
}

/// Lays the content out and returns one content stream per page.
fn paginate(content: &PdfContent) -> Vec<Vec<u8>> {
    let mut pages = Vec::new();
    let mut chunks = content.lines.chunks(ROWS_PER_PAGE).peekable();
    let mut page = PageWriter::new();
    page.text(BOLD, TITLE_SIZE, MARGIN, &content.title);
    page.advance(LEADING);
    for (label, value) in &content.facts {
        page.text(BOLD, FONT_SIZE, MARGIN, label);
        page.same_line(FONT, FONT_SIZE, 180.0, value);
    }
    page.advance(LEADING);
    page.table_heading();
    while let Some(chunk) = chunks.next() {
        for line in chunk {
            page.row(line);
        }
        if chunks.peek().is_some() {
            pages.push(page.finish());
            page = PageWriter::new();
            page.table_heading();
        }
    }
    page.advance(LEADING);
    for (label, value) in &content.totals {
        page.text(BOLD, FONT_SIZE, 370.0, label);
        page.same_line(FONT, FONT_SIZE, 500.0, value);
    }
    pages.push(page.finish());
    pages
}

/// Writes text top-down on one page.
struct PageWriter {
    content: Content,
    y: f32,
}

impl PageWriter {
    fn new() -> Self {
        Self {
            content: Content::new(),
            y: PAGE_HEIGHT - MARGIN,
        }
    }

    fn advance(&mut self, by: f32) {
        self.y -= by;
    }

    /// Writes `text` on a new line.
    fn text(&mut self, font: Name<'_>, size: f32, x: f32, text: &str) {
        self.advance(size.max(LEADING));
        self.same_line(font, size, x, text);
    }

    /// Writes `text` on the current line.
    fn same_line(&mut self, font: Name<'_>, size: f32, x: f32, text: &str) {
        let bytes = win_ansi(text);
        self.content
            .begin_text()
            .set_font(font, size)
            .next_line(x, self.y)
            .show(Str(&bytes))
            .end_text();
    }

    fn table_heading(&mut self) {
        self.advance(LEADING);
        for (x, heading) in COLUMNS.iter().zip(COLUMN_HEADINGS) {
            self.same_line(BOLD, FONT_SIZE, *x, heading);
        }
        self.content
            .set_line_width(0.5)
            .move_to(MARGIN, self.y - 4.0)
            .line_to(PAGE_WIDTH - MARGIN, self.y - 4.0)
            .stroke();
    }

    fn row(&mut self, line: &PdfLine) {
        self.advance(LEADING);
        let cells = [
            &line.art_no,
            &line.description,
            &line.quantity,
            &line.unit_amount,
            &line.vat_pct,
            &line.total,
        ];
        for (x, cell) in COLUMNS.iter().zip(cells) {
            self.same_line(FONT, FONT_SIZE, *x, cell);
        }
    }

    fn finish(self) -> Vec<u8> {
        self.content.finish()
    }
}

/// Encodes text for a WinAnsi font: Latin-1 passes through, a few common
/// characters outside it are mapped, anything else becomes `?`.
fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '€' => 0x80,
            '–' => 0x96,
            '—' => 0x97,
            '‘' => 0x91,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            c if (c as u32) < 0x80 && !c.is_control() => c as u8,
            c if (0xA0..=0xFF).contains(&(c as u32)) => c as u8,
            _ => b'?',
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(description: &str) -> PdfLine {
        PdfLine {
            art_no: "A-1".into(),
            description: description.into(),
            quantity: "1 st".into(),
            unit_amount: "80.00".into(),
            vat_pct: "25".into(),
            total: "100.00".into(),
        }
    }

    #[test]
    fn renders_a_pdf_with_the_line_texts() {
        let content = PdfContent {
            title: "Invoice".into(),
            facts: vec![("Customer".into(), "Göteborg".into())],
            lines: vec![line("Shoes"), line("Socks")],
            totals: vec![("Total".into(), "200.00".into())],
        };
        let pdf = render(&content);
        assert!(pdf.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("(Shoes)"));
        assert!(text.contains("(Socks)"));
        assert!(text.contains("<47F67465626F7267> Tj"), "ö is WinAnsi 0xF6");
        assert!(text.trim_end().ends_with("%%EOF"));
    }

    #[test]
    fn long_documents_get_several_pages() {
        let content = PdfContent {
            title: "Invoice".into(),
            lines: (0..95).map(|i| line(&format!("Item {i}"))).collect(),
            ..PdfContent::default()
        };
        let pdf = render(&content);
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("/Count 3"));
        assert!(text.contains("(Item 94)"));
    }
}
