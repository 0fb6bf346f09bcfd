//! A small PDF writer for A4 text documents (the minutes): headings, paragraphs and list
//! lines in Helvetica, wrapped to the page and broken across pages.
//!
//! The 14 standard PDF fonts need no embedding, so the file stays a few kilobytes and
//! the writer needs no crate. Text is encoded as WinAnsi (Windows-1252), which holds
//! Norwegian letters, «», – and •; anything else is written as '?'.

/// A4 in points.
const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
/// Margins.
const MARGIN: f32 = 56.0;

/// A text style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// The document's title.
    Title,
    /// A section heading.
    Heading,
    /// Body text.
    Body,
    /// Body text in bold.
    Strong,
    /// Small grey text (dates, footers).
    Small,
}

impl Style {
    fn size(self) -> f32 {
        match self {
            Style::Title => 20.0,
            Style::Heading => 14.0,
            Style::Body | Style::Strong => 11.0,
            Style::Small => 9.0,
        }
    }

    fn bold(self) -> bool {
        matches!(self, Style::Title | Style::Heading | Style::Strong)
    }
}

/// A document being written.
#[derive(Debug)]
pub struct Pdf {
    title: String,
    pages: Vec<Vec<u8>>,
    current: Vec<u8>,
    y: f32,
}

impl Pdf {
    /// An empty document; `title` goes into the file's metadata.
    pub fn new(title: &str) -> Self {
        Pdf {
            title: title.to_owned(),
            pages: Vec::new(),
            current: Vec::new(),
            y: PAGE_H - MARGIN,
        }
    }

    /// Vertical space.
    pub fn space(&mut self, points: f32) {
        self.y -= points;
    }

    /// A paragraph, wrapped to the page, indented by `indent` points.
    pub fn text(&mut self, style: Style, indent: f32, text: &str) {
        let size = style.size();
        let width = PAGE_W - 2.0 * MARGIN - indent;
        let leading = size * 1.35;
        if matches!(style, Style::Heading) {
            // Keep a heading with at least two lines after it.
            self.ensure(leading + 3.0 * 11.0 * 1.35);
        }
        for line in wrap(text, size, style.bold(), width) {
            self.ensure(leading);
            self.y -= size;
            let font = if style.bold() { "F2" } else { "F1" };
            let grey = if style == Style::Small { "0.35" } else { "0" };
            let at = format!(
                "BT {grey} g /{font} {size} Tf {x:.2} {y:.2} Td ",
                x = MARGIN + indent,
                y = self.y,
            );
            self.show(&at, &line);
            self.y -= leading - size;
        }
    }

    /// A list line: a bullet and the text hanging after it.
    pub fn bullet(&mut self, indent: f32, text: &str) {
        let size = Style::Body.size();
        // The first line and its bullet on the same page.
        self.ensure(size * 1.35);
        let at = format!(
            "BT 0 g /F1 {size} Tf {x:.2} {y:.2} Td ",
            x = MARGIN + indent,
            y = self.y - size,
        );
        self.show(&at, "•");
        self.text(Style::Body, indent + 12.0, text);
    }

    /// Writes `text` at the position `at` sets up.
    fn show(&mut self, at: &str, text: &str) {
        self.current.extend(at.as_bytes());
        self.current.push(b'(');
        self.current.extend(escape(text));
        self.current.extend(b") Tj ET\n");
    }

    fn ensure(&mut self, height: f32) {
        if self.y - height < MARGIN {
            self.break_page();
        }
    }

    fn break_page(&mut self) {
        self.pages.push(std::mem::take(&mut self.current));
        self.y = PAGE_H - MARGIN;
    }

    /// The finished file.
    pub fn finish(mut self) -> Vec<u8> {
        if !self.current.is_empty() || self.pages.is_empty() {
            self.break_page();
        }
        let count = self.pages.len();
        // Objects: 1 catalog, 2 pages, 3 font, 4 bold font, 5 info, then per page its
        // page object and its content stream.
        let mut objects: Vec<Vec<u8>> = Vec::new();
        let kids: Vec<String> = (0..count).map(|i| format!("{} 0 R", 6 + 2 * i)).collect();
        objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
        objects.push(
            format!(
                "<< /Type /Pages /Kids [{}] /Count {count} >>",
                kids.join(" ")
            )
            .into_bytes(),
        );
        for base in ["Helvetica", "Helvetica-Bold"] {
            objects.push(
                format!(
                    "<< /Type /Font /Subtype /Type1 /BaseFont /{base} /Encoding /WinAnsiEncoding >>"
                )
                .into_bytes(),
            );
        }
        // Metadata strings are PDFDocEncoding or UTF-16BE, not WinAnsi: UTF-16BE in hex.
        let title: String = self
            .title
            .encode_utf16()
            .map(|u| format!("{u:04X}"))
            .collect();
        let info = format!("<< /Producer (Duk) /Title <FEFF{title}> >>").into_bytes();
        objects.push(info);
        for (i, content) in self.pages.iter().enumerate() {
            let page_footer = format!(
                "BT 0.35 g /F1 9 Tf {x:.2} {y:.2} Td ({n} / {count}) Tj ET\n",
                x = PAGE_W - MARGIN - 30.0,
                y = MARGIN / 2.0,
                n = i + 1,
            );
            let stream = [content.as_slice(), page_footer.as_bytes()].concat();
            objects.push(
                format!(
                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] \
                     /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {} 0 R >>",
                    7 + 2 * i
                )
                .into_bytes(),
            );
            let mut obj = format!("<< /Length {} >>\nstream\n", stream.len()).into_bytes();
            obj.extend(stream);
            obj.extend(b"\nendstream");
            objects.push(obj);
        }
        let mut out = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
        let mut offsets = Vec::with_capacity(objects.len());
        for (i, obj) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend(format!("{} 0 obj\n", i + 1).into_bytes());
            out.extend(obj);
            out.extend(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).into_bytes());
        for o in offsets {
            out.extend(format!("{o:010} 00000 n \n").into_bytes());
        }
        out.extend(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R /Info 5 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            )
            .into_bytes(),
        );
        out
    }
}

/// Windows-1252 for the few characters outside Latin-1 that Norwegian text uses.
fn win_ansi(c: char) -> u8 {
    match c {
        '€' => 0x80,
        '‚' => 0x82,
        '„' => 0x84,
        '…' => 0x85,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '\u{a0}'..='\u{ff}' | ' '..='~' => c as u8,
        _ => b'?',
    }
}

/// A string for a PDF literal: WinAnsi bytes with `(`, `)` and `\` escaped.
fn escape(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    for c in s.chars() {
        let b = win_ansi(c);
        if matches!(b, b'(' | b')' | b'\\') {
            out.push(b'\\');
        }
        out.push(b);
    }
    out
}

/// Helvetica's advance widths (per 1000 units of the font size), close enough to wrap.
fn advance(c: char, bold: bool) -> f32 {
    let w = match c {
        ' ' | 'f' | 't' | 'I' | '.' | ',' | ':' | ';' | '!' | '/' => 278.0,
        'i' | 'j' | 'l' | '\'' => 222.0,
        'r' | '-' | '(' | ')' => 333.0,
        'm' | 'M' => 833.0,
        'w' | 'C' | 'D' | 'H' | 'N' | 'R' | 'U' => 722.0,
        'W' => 944.0,
        'G' | 'O' | 'Q' | 'Ø' => 778.0,
        'c' | 'k' | 's' | 'v' | 'x' | 'y' | 'z' | 'J' => 500.0,
        'F' | 'T' | 'Z' => 611.0,
        'ø' => 611.0,
        'æ' => 889.0,
        'Æ' => 1000.0,
        'A'..='Z' | 'Å' => 667.0,
        _ => 556.0,
    };
    if bold { w * 1.07 } else { w }
}

fn width(s: &str, size: f32, bold: bool) -> f32 {
    s.chars().map(|c| advance(c, bold)).sum::<f32>() * size / 1000.0
}

/// Breaks text into lines that fit `max` points, at spaces (and inside a word only when
/// the word alone is too long). Line breaks in the text are kept.
fn wrap(text: &str, size: f32, bold: bool, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        for word in para.split(' ').filter(|w| !w.is_empty()) {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if width(&candidate, size, bold) <= max {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let mut piece = String::new();
            for c in word.chars() {
                piece.push(c);
                if width(&piece, size, bold) > max {
                    piece.pop();
                    lines.push(std::mem::take(&mut piece));
                    piece.push(c);
                }
            }
            line = piece;
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_wraps_within_the_margins_and_keeps_line_breaks() {
        let text = "Søke bostøtte hos kommunen før fristen går ut ".repeat(8) + "\nNy linje";
        let lines = wrap(&text, 11.0, false, 300.0);
        assert!(lines.len() > 3);
        assert!(lines.iter().all(|l| width(l, 11.0, false) <= 300.0));
        assert_eq!(lines.last().map(String::as_str), Some("Ny linje"));
    }

    #[test]
    fn norwegian_letters_and_quotes_are_win_ansi_and_brackets_are_escaped() {
        assert_eq!(
            escape("æøå ÆØÅ «x» – (a)\\"),
            b"\xe6\xf8\xe5 \xc6\xd8\xc5 \xabx\xbb \x96 \\(a\\)\\\\".to_vec()
        );
        assert_eq!(escape("→"), b"?".to_vec());
    }

    #[test]
    fn a_wrapped_list_line_keeps_its_bullet_on_the_page_of_its_first_line() {
        let mut pdf = Pdf::new("Referat – «Kari»");
        for _ in 0..48 {
            pdf.text(Style::Body, 0.0, "Linje");
        }
        pdf.bullet(
            0.0,
            &"Første ord i en lang oppgave som går over flere linjer ".repeat(4),
        );
        let mut pages = pdf.pages.clone();
        pages.push(pdf.current.clone());
        let has = |page: &[u8], needle: &[u8]| page.windows(needle.len()).any(|w| w == needle);
        let bullet = pages.iter().position(|p| has(p, b"(\x95)")).unwrap();
        let first = pages.iter().position(|p| has(p, b"(F\xf8rste")).unwrap();
        assert_eq!(bullet, first);
        // The title is UTF-16BE in the metadata, so viewers read «–» and «» right.
        let bytes = pdf.finish();
        let title = "Referat – «Kari»"
            .encode_utf16()
            .map(|u| format!("{u:04X}"))
            .collect::<String>();
        assert!(bytes.windows(title.len()).any(|w| w == title.as_bytes()));
    }

    #[test]
    fn a_long_document_breaks_into_pages_with_a_valid_cross_reference_table() {
        let mut pdf = Pdf::new("Referat");
        for i in 0..120 {
            pdf.bullet(0.0, &format!("Oppgave {i}"));
        }
        let bytes = pdf.finish();
        assert!(bytes.starts_with(b"%PDF-1.4"));
        let at = |needle: &[u8]| bytes.windows(needle.len()).position(|w| w == needle);
        assert!(at(b"/Count 3").is_some(), "120 lines need three A4 pages");
        // Every offset in the table points at the object it names.
        let xref = at(b"xref\n").unwrap();
        let table = std::str::from_utf8(&bytes[xref..]).unwrap();
        let entries: Vec<&str> = table
            .lines()
            .skip(3)
            .take_while(|l| l.ends_with(" n "))
            .collect();
        assert_eq!(entries.len(), 5 + 2 * 3);
        for (i, line) in entries.into_iter().enumerate() {
            let offset: usize = line[..10].parse().unwrap();
            assert!(bytes[offset..].starts_with(format!("{} 0 obj", i + 1).as_bytes()));
        }
    }
}
