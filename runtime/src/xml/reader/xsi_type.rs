//! `xsi:type` on a start tag: read, resolved with the declarations in scope,
//! and what happens when it names no type the schema derives from the declared one.

use std::borrow::Cow;

use xmlparser::{Token, Tokenizer};

use super::{same, Reader, Scope, Start};
use crate::diag::{DiagnosticKind, ElementName, Name};
use crate::error::{DecodeError, DecodeErrorKind, ValueError};
use crate::value::{is_ncname, Namespaces};
use crate::xml::escape::unescape;
use crate::xml::{FieldName, XSI_NAMESPACE};

/// The type an element names with `xsi:type`: the namespace its prefix is bound
/// to where it appears (`None` = no namespace) and the local name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XsiType<'a> {
    /// The namespace URI.
    pub namespace: Option<&'a str>,
    /// The local name.
    pub local: Cow<'a, str>,
}

impl XsiType<'_> {
    /// True if this names the schema type `name`.
    pub fn is(&self, name: FieldName) -> bool {
        self.local == name.name && self.namespace == name.ns
    }
}

impl std::fmt::Display for XsiType<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.namespace {
            Some(ns) => write!(f, "{{{ns}}}{}", self.local),
            None => f.write_str(&self.local),
        }
    }
}

impl<'a> Reader<'a> {
    /// The `xsi:type` of `start` (only the attribute in the XSI namespace: a
    /// plain `type` attribute is not one), its prefix resolved with the
    /// declarations in scope at `start`. A value that is not a QName in scope is
    /// an error in strict mode; lenient decoding returns it as a name in no
    /// namespace (no type matches it, so it is reported as unknown).
    pub fn xsi_type(&mut self, start: &Start<'_>) -> Result<Option<XsiType<'a>>, DecodeError> {
        let Some(raw) = self.raw_xsi_type(start) else {
            return Ok(None);
        };
        let text = unescape(raw, true).map_err(|e| {
            let kind = self.reference_error(e);
            self.attr_error("type", kind)
        })?;
        let trimmed = crate::value::collapse_ws(&text);
        let (prefix, local) = trimmed.split_once(':').unwrap_or(("", trimmed));
        let scope = Scope(&self.ns);
        let bound = scope.resolve(prefix).is_some() || prefix.is_empty();
        if is_ncname(local) && (prefix.is_empty() || is_ncname(prefix)) && bound {
            let namespace = self.ns.uri(prefix).flatten();
            let local = match text {
                Cow::Borrowed(t) => Cow::Borrowed(local_part(t)),
                Cow::Owned(_) => Cow::Owned(local.to_owned()),
            };
            return Ok(Some(XsiType { namespace, local }));
        }
        if self.opts.strict {
            let reason = if bound {
                "not a QName".to_owned()
            } else {
                format!("prefix '{prefix}' is not declared")
            };
            let e = ValueError::new("QName", &text).because(reason);
            return Err(self.attr_error("type", DecodeErrorKind::InvalidValue(e)));
        }
        Ok(Some(XsiType {
            namespace: None,
            local: Cow::Owned(text.into_owned()),
        }))
    }

    /// An `xsi:type` that names neither `base` (the declared type) nor a type
    /// derived from it: a diagnostic (the element is then read as `base`), an
    /// error in strict mode or when `base` is abstract.
    pub fn unknown_xsi_type(
        &mut self,
        start: &Start<'_>,
        found: &XsiType<'a>,
        base: FieldName,
        is_abstract: bool,
    ) -> Result<(), DecodeError> {
        self.pos = start.pos;
        if is_abstract {
            return Err(self.error(DecodeErrorKind::AbstractType {
                base: base.to_string(),
                found: Some(found.to_string()),
            }));
        }
        if self.opts.strict {
            return Err(self.error(DecodeErrorKind::UnknownXsiType {
                found: found.to_string(),
                base: base.to_string(),
            }));
        }
        self.record(
            |r| {
                let namespace = found.namespace.map(|ns| r.namespace_name(ns));
                let local = match &found.local {
                    Cow::Borrowed(local) => r.local_name(local),
                    Cow::Owned(local) => Name::shared(local),
                };
                DiagnosticKind::UnknownXsiType {
                    found: ElementName { namespace, local },
                    base: ElementName {
                        namespace: base.ns.map(Name::from_static),
                        local: Name::from_static(base.name),
                    },
                }
            },
            super::At::Here,
        );
        Ok(())
    }

    /// The error for an element of abstract type `base` without `xsi:type`.
    pub fn missing_xsi_type(&mut self, start: &Start<'_>, base: FieldName) -> DecodeError {
        self.error_at(
            start,
            DecodeErrorKind::AbstractType {
                base: base.to_string(),
                found: None,
            },
        )
    }

    /// The raw value of the `xsi:type` attribute of `start`.
    fn raw_xsi_type(&self, start: &Start<'_>) -> Option<&'a str> {
        let src = self.src;
        src.get(start.pos..)?;
        for token in Tokenizer::from_fragment(src, start.pos..src.len()) {
            match token {
                Ok(Token::Attribute {
                    prefix,
                    local,
                    value,
                    ..
                }) => {
                    let (p, l) = (prefix.as_str(), local.as_str());
                    if same(l, "type")
                        && !p.is_empty()
                        && Scope(&self.ns).resolve(p) == Some(XSI_NAMESPACE)
                    {
                        return Some(value.as_str());
                    }
                }
                Ok(Token::ElementStart { .. }) => {}
                _ => return None,
            }
        }
        None
    }
}

/// The local part of a QName as written (white space around it dropped).
fn local_part(text: &str) -> &str {
    let t = crate::value::collapse_ws(text);
    t.split_once(':').map_or(t, |(_, local)| local)
}

#[cfg(test)]
mod tests {
    use crate::xml::{DecodeOptions, Reader};

    fn xsi_type(xml: &str, strict: bool) -> Result<Option<String>, crate::error::DecodeError> {
        let opts = DecodeOptions {
            strict,
            ..DecodeOptions::default()
        };
        let mut r = Reader::new(xml.as_bytes(), &opts)?;
        let root = r.root()?;
        Ok(r.xsi_type(&root)?.map(|t| t.to_string()))
    }

    const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

    #[test]
    fn the_value_is_trimmed_unescaped_and_resolved_where_it_appears() {
        let spaced = format!(r#"<a xmlns:x="urn:x" xmlns:i="{XSI}" i:type=" x:t "/>"#);
        assert_eq!(
            xsi_type(&spaced, true).unwrap().as_deref(),
            Some("{urn:x}t")
        );
        let escaped = format!(r#"<a xmlns:x="urn:x" xmlns:i="{XSI}" i:type="x:&#x74;"/>"#);
        assert_eq!(
            xsi_type(&escaped, true).unwrap().as_deref(),
            Some("{urn:x}t")
        );
        let unprefixed = format!(r#"<a xmlns:i="{XSI}" i:type="t"/>"#);
        assert_eq!(xsi_type(&unprefixed, true).unwrap().as_deref(), Some("t"));
    }

    #[test]
    fn only_the_attribute_in_the_xsi_namespace_counts() {
        assert_eq!(
            xsi_type(r#"<a xmlns:x="urn:x" type="x:t"/>"#, true).unwrap(),
            None
        );
        let other = r#"<a xmlns:x="urn:x" xmlns:o="urn:other" o:type="x:t"/>"#;
        assert_eq!(xsi_type(other, true).unwrap(), None);
    }

    #[test]
    fn an_undeclared_prefix_is_kept_as_text_or_refused_when_strict() {
        let xml = format!(r#"<a xmlns:i="{XSI}" i:type="y:t"/>"#);
        assert_eq!(xsi_type(&xml, false).unwrap().as_deref(), Some("y:t"));
        let e = xsi_type(&xml, true).unwrap_err();
        assert!(e.to_string().contains("prefix 'y' is not declared"), "{e}");
        assert!(e.path.ends_with("@type"), "{e}");
    }
}
