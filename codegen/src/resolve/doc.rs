//! `xs:documentation` / `wsdl:documentation` → rustdoc Markdown.

use super::ir::Documentation;
use crate::parse::{XmlElement, XmlNode};

impl Documentation {
    /// Markdown for the content of `docs` (documentation elements, joined as
    /// paragraphs); `None` when there is no text.
    pub fn markdown(docs: &[XmlElement]) -> Option<String> {
        let mut md = Markdown::default();
        for d in docs {
            md.break_paragraph();
            md.nodes(&d.children);
        }
        md.finish()
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Block {
    Paragraph,
    Item,
}

#[derive(Default)]
struct Markdown {
    blocks: Vec<(Block, String)>,
    current: String,
    item: bool,
    space: bool,
    /// The last piece was inline markup: punctuation right after it sticks
    /// to it (pretty-printed XHTML puts a line break between them).
    after_markup: bool,
}

impl Markdown {
    fn finish(mut self) -> Option<String> {
        self.break_paragraph();
        let mut out = String::new();
        let mut previous: Option<Block> = None;
        for (kind, text) in &self.blocks {
            if let Some(p) = previous {
                out.push_str(if p == Block::Item && *kind == Block::Item {
                    "\n"
                } else {
                    "\n\n"
                });
            }
            out.push_str(text);
            previous = Some(*kind);
        }
        (!out.is_empty()).then_some(out)
    }

    fn break_paragraph(&mut self) {
        let text = std::mem::take(&mut self.current);
        if !text.is_empty() {
            let kind = if self.item {
                Block::Item
            } else {
                Block::Paragraph
            };
            let text = if self.item {
                format!("- {text}")
            } else {
                escape_line_start(&text)
            };
            self.blocks.push((kind, text));
        }
        self.item = false;
        self.space = false;
        self.after_markup = false;
    }

    /// Appends a piece that is already Markdown, honouring a pending space.
    fn atom(&mut self, piece: &str) {
        if piece.is_empty() {
            return;
        }
        if self.space && !self.current.is_empty() {
            self.current.push(' ');
        }
        self.space = false;
        self.after_markup = false;
        self.current.push_str(piece);
    }

    /// Appends inline markup (code, emphasis, link).
    fn markup(&mut self, piece: &str) {
        self.atom(piece);
        self.after_markup = !piece.is_empty();
    }

    /// Character data: whitespace collapsed, Markdown code spans the
    /// author wrote (`` `x` ``) kept, everything else escaped.
    fn text(&mut self, text: &str) {
        if text.starts_with(char::is_whitespace) {
            self.space = true;
        }
        let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for (is_code, piece) in code_spans(&collapsed) {
            if is_code {
                self.atom(piece);
                continue;
            }
            if piece.starts_with(' ') {
                self.space = true;
            }
            let mut words = piece.split(' ').filter(|w| !w.is_empty()).peekable();
            while let Some(word) = words.next() {
                if self.after_markup && word.starts_with(['.', ',', ';', ':', '!', '?', ')']) {
                    self.space = false;
                }
                self.atom(&autolink(word).unwrap_or_else(|| escape(word)));
                if words.peek().is_some() {
                    self.space = true;
                }
            }
            if piece.ends_with(' ') {
                self.space = true;
            }
        }
        if text.ends_with(char::is_whitespace) && !text.trim().is_empty() {
            self.space = true;
        }
    }

    fn nodes(&mut self, nodes: &[XmlNode]) {
        for n in nodes {
            match n {
                XmlNode::Text(t) => self.text(t),
                XmlNode::Element(e) => self.element(e),
            }
        }
    }

    fn element(&mut self, e: &XmlElement) {
        match e.local.as_str() {
            "br" | "hr" => self.break_paragraph(),
            "p" | "div" | "table" | "tr" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
            | "blockquote" => {
                self.break_paragraph();
                self.nodes(&e.children);
                self.break_paragraph();
            }
            "ul" | "ol" | "dl" => {
                self.break_paragraph();
                self.nodes(&e.children);
                self.break_paragraph();
            }
            "li" | "dt" | "dd" => {
                self.break_paragraph();
                self.item = true;
                self.nodes(&e.children);
                self.break_paragraph();
            }
            "code" | "tt" | "pre" | "kbd" | "samp" => {
                let raw = plain_text(e);
                self.leading_space(&raw);
                let code = raw.split_whitespace().collect::<Vec<_>>().join(" ");
                if !code.is_empty() {
                    let fence = if code.contains('`') { "``" } else { "`" };
                    let pad = if code.starts_with('`') || code.ends_with('`') {
                        " "
                    } else {
                        ""
                    };
                    self.markup(&format!("{fence}{pad}{code}{pad}{fence}"));
                }
                self.trailing_space(&raw);
            }
            "strong" | "b" => self.wrapped(e, "**"),
            "i" | "em" => self.wrapped(e, "*"),
            "a" => {
                let inner = inline(e);
                self.leading_space(&plain_text(e));
                match e.attr("href") {
                    Some(href) if !href.trim().is_empty() => {
                        let text = if inner.is_empty() {
                            escape(href.trim())
                        } else {
                            inner
                        };
                        let href = href
                            .trim()
                            .replace(' ', "%20")
                            .replace('(', "%28")
                            .replace(')', "%29");
                        self.markup(&format!("[{text}]({href})"));
                    }
                    _ => self.atom(&inner),
                }
                self.trailing_space(&plain_text(e));
            }
            _ => self.nodes(&e.children),
        }
    }

    fn wrapped(&mut self, e: &XmlElement, marker: &str) {
        let raw = plain_text(e);
        self.leading_space(&raw);
        let inner = inline(e);
        if !inner.is_empty() {
            self.markup(&format!("{marker}{inner}{marker}"));
        }
        self.trailing_space(&raw);
    }

    fn leading_space(&mut self, raw: &str) {
        if raw.starts_with(char::is_whitespace) {
            self.space = true;
        }
    }

    fn trailing_space(&mut self, raw: &str) {
        if raw.ends_with(char::is_whitespace) {
            self.space = true;
        }
    }
}

/// The inline Markdown of an element's content, on one line.
fn inline(e: &XmlElement) -> String {
    let mut md = Markdown::default();
    md.nodes(&e.children);
    let mut parts = std::mem::take(&mut md.current);
    for (_, b) in md.blocks.iter().rev() {
        parts = format!("{b} {parts}");
    }
    parts.trim().to_owned()
}

fn plain_text(e: &XmlElement) -> String {
    let mut out = String::new();
    fn walk(nodes: &[XmlNode], out: &mut String) {
        for n in nodes {
            match n {
                XmlNode::Text(t) => out.push_str(t),
                XmlNode::Element(e) => walk(&e.children, out),
            }
        }
    }
    walk(&e.children, &mut out);
    out
}

/// Escapes what Markdown/rustdoc would read as markup inside one word.
fn escape(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::with_capacity(word.len());
    for (i, &c) in chars.iter().enumerate() {
        let boundary = |j: Option<usize>| !matches!(j.and_then(|j| chars.get(j)), Some(c) if c.is_alphanumeric());
        match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' => {
                out.push('\\');
                out.push(c);
            }
            '_' if boundary(i.checked_sub(1)) || boundary(Some(i + 1)) => out.push_str("\\_"),
            _ => out.push(c),
        }
    }
    out
}

/// Splits `text` into `(is_code_span, piece)`: a run of backticks closed by
/// a run of the same length is a code span; unmatched backticks are text.
fn code_spans(text: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    let mut plain_start = 0;
    let mut i = 0;
    while let Some(offset) = text[i..].find('`') {
        let open = i + offset;
        let ticks = text[open..].len() - text[open..].trim_start_matches('`').len();
        let body = open + ticks;
        let mut search = body;
        let mut close = None;
        while let Some(o) = text[search..].find('`') {
            let at = search + o;
            let run = text[at..].len() - text[at..].trim_start_matches('`').len();
            if run == ticks {
                close = Some(at + run);
                break;
            }
            search = at + run;
        }
        match close {
            Some(end) if end > body + ticks => {
                if plain_start < open {
                    out.push((false, &text[plain_start..open]));
                }
                out.push((true, &text[open..end]));
                plain_start = end;
                i = end;
            }
            _ => i = body,
        }
    }
    if plain_start < text.len() {
        out.push((false, &text[plain_start..]));
    }
    out
}

/// A bare URL as an autolink (`<https://...>`, rustdoc warns about bare
/// URLs), trailing punctuation kept outside.
fn autolink(word: &str) -> Option<String> {
    let start = word.find("https://").or_else(|| word.find("http://"))?;
    let (lead, rest) = word.split_at(start);
    if lead.chars().any(char::is_alphanumeric) {
        return None;
    }
    let url = rest.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '"', '\'']);
    if url.contains(['<', '>', '`']) {
        return None;
    }
    Some(format!(
        "{}<{url}>{}",
        escape(lead),
        escape(&rest[url.len()..])
    ))
}

/// Escapes a paragraph start that Markdown would read as a heading or list.
fn escape_line_start(text: &str) -> String {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let after_digits = text[digits..].chars().next();
    let list_marker = |c: char| matches!(c, '-' | '+' | '#' | '=');
    match text.chars().next() {
        Some(c) if list_marker(c) => format!("\\{text}"),
        Some(_) if digits > 0 && matches!(after_digits, Some('.' | ')')) => {
            format!("{}\\{}", &text[..digits], &text[digits..])
        }
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(xml: &str) -> Option<String> {
        let doc = roxmltree::Document::parse(xml).ok()?;
        let el = convert(doc.root_element());
        Documentation::markdown(&[el])
    }

    fn convert(n: roxmltree::Node<'_, '_>) -> XmlElement {
        XmlElement {
            ns: n.tag_name().namespace().map(str::to_owned),
            local: n.tag_name().name().to_owned(),
            attributes: n
                .attributes()
                .map(|a| crate::parse::XmlAttribute {
                    ns: None,
                    local: a.name().to_owned(),
                    value: a.value().to_owned(),
                })
                .collect(),
            children: n
                .children()
                .filter_map(|c| {
                    if c.is_element() {
                        Some(XmlNode::Element(convert(c)))
                    } else {
                        c.text().map(|t| XmlNode::Text(t.to_owned()))
                    }
                })
                .collect(),
            namespaces: Default::default(),
            pos: Default::default(),
        }
    }

    #[test]
    fn whitespace_collapsed() {
        assert_eq!(
            md("<d>\n   Hello\n\t  world.  \n</d>").as_deref(),
            Some("Hello world.")
        );
        assert_eq!(md("<d>  \n </d>"), None);
    }

    #[test]
    fn xhtml_markup() {
        let got = md("<d xmlns='http://www.w3.org/1999/xhtml'>\n Makes a debit.\n <br/>\n <strong>NB:</strong>\n If <code>x</code>, then <i>y</i>. See <a href='https://e.x/a b'>the docs</a>.</d>");
        assert_eq!(
            got.as_deref(),
            Some("Makes a debit.\n\n**NB:** If `x`, then *y*. See [the docs](https://e.x/a%20b).")
        );
    }

    #[test]
    fn paragraphs_and_lists() {
        let got = md("<d>Intro<p>Para one <b>bold</b></p>Types:<ul><li>A(1)</li><li>B_C(2)</li></ul>After</d>");
        assert_eq!(
            got.as_deref(),
            Some("Intro\n\nPara one **bold**\n\nTypes:\n\n- A(1)\n- B_C(2)\n\nAfter")
        );
    }

    #[test]
    fn authored_code_spans_are_kept_verbatim() {
        assert_eq!(
            md("<d>Branch on `errorTypeId` (e.g. `_` or `a [b]`); a lone ` stays.</d>").as_deref(),
            Some("Branch on `errorTypeId` (e.g. `_` or `a [b]`); a lone \\` stays.")
        );
        assert_eq!(md("<d>``a`b``, x</d>").as_deref(), Some("``a`b``, x"));
    }

    #[test]
    fn bare_urls_become_autolinks() {
        assert_eq!(
            md("<d>See https://e.x/a?b=1. Or (http://e.y)</d>").as_deref(),
            Some("See <https://e.x/a?b=1>. Or (<http://e.y>)")
        );
    }

    #[test]
    fn escapes_markup_characters() {
        assert_eq!(
            md("<d>a [b] &lt;c&gt; *d* _e_ f_g</d>").as_deref(),
            Some("a \\[b\\] \\<c\\> \\*d\\* \\_e\\_ f_g")
        );
        assert_eq!(
            md("<d># not a heading</d>").as_deref(),
            Some("\\# not a heading")
        );
        assert_eq!(
            md("<d>1. not a list</d>").as_deref(),
            Some("1\\. not a list")
        );
        assert_eq!(md("<d><tt>a`b</tt></d>").as_deref(), Some("``a`b``"));
    }

    #[test]
    fn punctuation_after_inline_markup_sticks() {
        assert_eq!(
            md("<d>as <code>X</code>\n s.</d>").as_deref(),
            Some("as `X` s.")
        );
        assert_eq!(
            md("<d>by <code>X</code>\n . Then</d>").as_deref(),
            Some("by `X`. Then")
        );
        assert_eq!(
            md("<d>the <code>X</code>, then</d>").as_deref(),
            Some("the `X`, then")
        );
    }
}
