//! Keeping secrets out of logs and error text: sensitive XML elements in
//! traced bodies, and the call's own secrets in text a server echoes back.

use std::ops::Range;

use xmlparser::{ElementEnd, Token, Tokenizer};

use crate::xml::escape::{escape_into, unescape};

/// What replaces a redacted value.
pub(crate) const MASK: &str = "***";

/// Elements (and attributes) whose text is replaced in traced bodies unless
/// [`ClientBuilder::redacted_elements`](super::ClientBuilder::redacted_elements)
/// says otherwise: passwords, card numbers and codes, personal identity
/// numbers and identification tokens. Names are local names (any namespace),
/// compared without regard to ASCII case.
pub const DEFAULT_REDACTED_ELEMENTS: &[&str] = &[
    "password",
    "passwd",
    "secret",
    "cardNumber",
    "cvc",
    "cvv",
    "pin",
    "governmentId",
    "token",
    "identificationToken",
];

/// The local names of the elements and attributes whose values are secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Redactions {
    names: Vec<String>,
}

impl Default for Redactions {
    fn default() -> Self {
        Self::new(DEFAULT_REDACTED_ELEMENTS.iter().copied())
    }
}

impl Redactions {
    pub(crate) fn new<S: Into<String>>(names: impl IntoIterator<Item = S>) -> Self {
        Self {
            names: names.into_iter().map(Into::into).collect(),
        }
    }

    pub(crate) fn add(&mut self, name: String) {
        if !self.matches(&name) {
            self.names.push(name);
        }
    }

    fn matches(&self, local: &str) -> bool {
        self.names.iter().any(|n| n.eq_ignore_ascii_case(local))
    }

    /// The byte ranges of secret values in `xml` (text and CDATA inside a
    /// sensitive element, values of sensitive attributes), and how far `xml`
    /// is well-formed (its length when all of it is).
    fn spans(&self, xml: &str) -> (Vec<Range<usize>>, usize) {
        let mut spans = Vec::new();
        let mut depth = 0usize;
        // The depth at which a sensitive element was opened, if inside one.
        let mut secret_from: Option<usize> = None;
        let mut opening_secret = false;
        let mut good_to = 0;
        for token in Tokenizer::from(xml) {
            let Ok(token) = token else {
                return (spans, good_to);
            };
            let end = match token {
                Token::ElementStart { local, span, .. } => {
                    opening_secret = secret_from.is_none() && self.matches(local.as_str());
                    span.end()
                }
                Token::Attribute {
                    local, value, span, ..
                } => {
                    if secret_from.is_some() || self.matches(local.as_str()) {
                        spans.push(value.range());
                    }
                    span.end()
                }
                Token::ElementEnd { end, span } => {
                    match end {
                        ElementEnd::Open => {
                            depth += 1;
                            if std::mem::take(&mut opening_secret) {
                                secret_from = Some(depth);
                            }
                        }
                        ElementEnd::Close(..) => {
                            if secret_from == Some(depth) {
                                secret_from = None;
                            }
                            depth = depth.saturating_sub(1);
                        }
                        ElementEnd::Empty => opening_secret = false,
                    }
                    span.end()
                }
                Token::Text { text } => {
                    if secret_from.is_some() && !text.as_str().trim().is_empty() {
                        spans.push(text.range());
                    }
                    text.end()
                }
                Token::Cdata { text, span } => {
                    if secret_from.is_some() {
                        spans.push(text.range());
                    }
                    span.end()
                }
                Token::Comment { text, span } => {
                    if secret_from.is_some() {
                        spans.push(text.range());
                    }
                    span.end()
                }
                Token::Declaration { span, .. }
                | Token::ProcessingInstruction { span, .. }
                | Token::DtdStart { span, .. }
                | Token::EmptyDtd { span, .. }
                | Token::EntityDeclaration { span, .. }
                | Token::DtdEnd { span } => span.end(),
            };
            good_to = end;
        }
        (spans, xml.len())
    }

    /// `body` for a log: the values of sensitive elements and attributes
    /// replaced by `***`; from the first point where it is not well-formed
    /// XML on, only a note of how many bytes were left out.
    pub(crate) fn redact(&self, body: &[u8]) -> String {
        let text = String::from_utf8_lossy(body);
        let (spans, good_to) = self.spans(&text);
        let mut out = String::with_capacity(good_to + 64);
        let mut at = 0;
        for span in spans {
            out.push_str(&text[at..span.start]);
            out.push_str(MASK);
            at = span.end;
        }
        out.push_str(&text[at..good_to]);
        if good_to < text.len() {
            let left = text.len() - good_to;
            out.push_str(&format!("[{left} bytes not shown: not well-formed XML]"));
        }
        out
    }

    /// The secret values in `body`, as written and with references resolved.
    pub(crate) fn values(&self, body: &[u8]) -> Vec<String> {
        let text = String::from_utf8_lossy(body);
        let mut values = Vec::new();
        for span in self.spans(&text).0 {
            let raw = text[span].trim();
            if let Ok(resolved) = unescape(raw, false) {
                if resolved != raw {
                    values.push(resolved.into_owned());
                }
            }
            values.push(raw.to_owned());
        }
        values
    }
}

/// The secrets of one client (passwords, Basic tokens) plus, per call, the
/// sensitive values of the request: replaced by `***` wherever a server's
/// text is shown (HTTP error excerpts, fault strings).
#[derive(Debug, Clone, Default)]
pub(crate) struct Secrets {
    /// Longest first, so that a secret containing another is masked whole.
    values: Vec<String>,
}

impl Secrets {
    /// Adds `secret` in the forms a server may echo it: as is, percent-encoded
    /// and XML-escaped. Empty secrets are ignored.
    pub(crate) fn add(&mut self, secret: &str) {
        if secret.is_empty() {
            return;
        }
        let escaped = |attribute| {
            let mut out = String::with_capacity(secret.len());
            escape_into(&mut out, secret, attribute);
            out
        };
        let forms = [
            secret.to_owned(),
            escaped(false),
            escaped(true),
            percent_encode(secret),
        ];
        for form in forms {
            if !self.values.contains(&form) {
                self.values.push(form);
            }
        }
        self.values.sort_by_key(|v| std::cmp::Reverse(v.len()));
    }

    /// These secrets and `more`.
    pub(crate) fn with(&self, more: impl IntoIterator<Item = String>) -> Self {
        let mut all = self.clone();
        for value in more {
            all.add(&value);
        }
        all
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// `text` with every secret replaced by `***`.
    pub(crate) fn scrub(&self, text: &str) -> String {
        let mut text = text.to_owned();
        for secret in &self.values {
            if text.contains(secret.as_str()) {
                text = text.replace(secret.as_str(), MASK);
            }
        }
        text
    }
}

/// `text` with everything but unreserved URL characters percent-encoded.
pub(crate) fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sensitive_text_and_attributes_are_masked() {
        let redactions = Redactions::default();
        let xml = br#"<a xmlns:t="urn:t"><t:governmentId>198305147715</t:governmentId><t:name>Ann</t:name><card cardNumber="4111111111111111"/><Password><![CDATA[p<w]]></Password><pin/><token>x<!-- c --><b>inner</b>y</token></a>"#;
        let out = redactions.redact(xml);
        assert_eq!(
            out,
            r#"<a xmlns:t="urn:t"><t:governmentId>***</t:governmentId><t:name>Ann</t:name><card cardNumber="***"/><Password><![CDATA[***]]></Password><pin/><token>***<!--***--><b>***</b>***</token></a>"#
        );
    }

    #[test]
    fn what_is_not_well_formed_is_left_out() {
        let out = Redactions::default()
            .redact(b"<a><password>secret</password><b>ok</b><pass word>secret2");
        assert!(!out.contains("secret"), "{out}");
        assert!(
            out.starts_with("<a><password>***</password><b>ok</b>"),
            "{out}"
        );
        assert!(
            out.ends_with("bytes not shown: not well-formed XML]"),
            "{out}"
        );
    }

    #[test]
    fn configured_names_replace_the_defaults() {
        let mut redactions = Redactions::new(["customerId"]);
        redactions.add("CUSTOMERID".to_owned());
        let out = redactions.redact(b"<r><customerId>42</customerId><password>p</password></r>");
        assert_eq!(
            out,
            "<r><customerId>***</customerId><password>p</password></r>"
        );
    }

    #[test]
    fn values_are_collected_as_written_and_resolved() {
        let values = Redactions::default().values(b"<r><password> a&amp;b </password></r>");
        assert_eq!(values, ["a&b", "a&amp;b"]);
    }

    #[test]
    fn secrets_are_scrubbed_in_every_form() {
        let mut secrets = Secrets::default();
        secrets.add("p&ss w");
        secrets.add("");
        assert_eq!(
            secrets.scrub("got p&ss w, p&amp;ss w and p%26ss%20w"),
            "got ***, *** and ***"
        );
        assert!(Secrets::default().is_empty());
    }
}
