//! Decoded values as JSON: a message as its serde form, a fault as its code,
//! string, actor and detail; required elements the peer left out are omitted.

#[cfg(feature = "cli")]
use std::io::Write;

use crate::ResursFault;
use serde::Serialize;
use serde_json::{Map, Value};

use super::prune::{Missing, Pruned};
use soap_runtime::diag::ElementName;
use soap_runtime::xml::Reader;
use soap_runtime::DecodeOptions;
use soap_runtime::Diagnostic;
use soap_runtime::DiagnosticKind;
use soap_runtime::Fault;

/// What a decoded envelope held, as JSON.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The content of the operation element.
    Message(Value),
    /// A SOAP fault: `faultcode`, `faultstring`, `faultactor` (when sent) and `detail`.
    Fault(Value),
}

impl Outcome {
    /// The JSON, whichever it is.
    pub fn json(&self) -> &Value {
        match self {
            Self::Message(json) | Self::Fault(json) => json,
        }
    }
}

/// A decoded message or fault, rendered as JSON on demand: into a tree
/// ([`Typed::to_value`]) or streamed to a writer ([`Typed::write_pretty`]).
pub(crate) struct Typed {
    body: Box<dyn Json>,
    missing: Missing,
    fault: bool,
}

/// Object-safe JSON rendering of a serializable value.
trait Json {
    fn to_value(&self, missing: &Missing) -> Result<Value, serde_json::Error>;
    #[cfg(feature = "cli")]
    fn write_pretty(&self, missing: &Missing, out: &mut dyn Write)
        -> Result<(), serde_json::Error>;
}

impl<T: Serialize> Json for T {
    fn to_value(&self, missing: &Missing) -> Result<Value, serde_json::Error> {
        serde_json::to_value(Pruned {
            value: self,
            missing: Some(missing),
        })
    }
    #[cfg(feature = "cli")]
    fn write_pretty(
        &self,
        missing: &Missing,
        out: &mut dyn Write,
    ) -> Result<(), serde_json::Error> {
        serde_json::to_writer_pretty(
            out,
            &Pruned {
                value: self,
                missing: Some(missing),
            },
        )
    }
}

impl Typed {
    /// A decoded message (XML names as keys, as the serde derives say), without the
    /// required elements `diagnostics` report missing.
    pub(crate) fn message<T: Serialize + 'static>(value: T, diagnostics: &[Diagnostic]) -> Self {
        Self {
            body: Box::new(value),
            missing: Missing::from_diagnostics(diagnostics),
            fault: false,
        }
    }

    /// The JSON tree.
    pub(crate) fn to_value(&self) -> Result<Outcome, serde_json::Error> {
        let json = self.body.to_value(&self.missing)?;
        Ok(if self.fault {
            Outcome::Fault(json)
        } else {
            Outcome::Message(json)
        })
    }

    /// The JSON, indented, written as it is produced.
    #[cfg(feature = "cli")]
    pub(crate) fn write_pretty(&self, out: &mut dyn Write) -> Result<(), serde_json::Error> {
        self.body.write_pretty(&self.missing, out)
    }

    /// A SOAP fault.
    #[cfg(feature = "cli")]
    pub(crate) fn is_fault(&self) -> bool {
        self.fault
    }

    /// The JSON of a fault (a small tree: code, string, actor and the typed detail).
    /// `xml` is the envelope it came from, for the `faultcode` text as sent (the
    /// decoded code keeps only the resolved name).
    pub(crate) fn fault<F: ResursFault>(
        fault: &Fault<F>,
        xml: &[u8],
        diagnostics: &[Diagnostic],
    ) -> Result<Self, serde_json::Error> {
        let missing = Missing::from_diagnostics(diagnostics);
        let code = fault_code_text(xml).unwrap_or_else(|| fault.code.to_string());
        let json = fault_tree(fault, code, &missing)?;
        Ok(Self {
            body: Box::new(json),
            missing: Missing::default(),
            fault: true,
        })
    }
}

/// The JSON of a fault received by a client call: as `aftershop decode` renders
/// it, with the fault code as resolved (the text sent is not kept by the call).
pub fn fault_json<F: ResursFault>(fault: &Fault<F>) -> Result<Value, serde_json::Error> {
    fault_tree(fault, fault.code.to_string(), &Missing::default())
}

fn fault_tree<F: ResursFault>(
    fault: &Fault<F>,
    code: String,
    missing: &Missing,
) -> Result<Value, serde_json::Error> {
    let mut out = Map::new();
    out.insert("faultcode".into(), Value::String(code));
    out.insert("faultstring".into(), Value::String(fault.string.clone()));
    if let Some(actor) = &fault.actor {
        out.insert("faultactor".into(), Value::String(actor.clone()));
    }
    if let Some(detail) = fault.detail.as_ref().and_then(ResursFault::ecommerce_error) {
        let mut elements = Map::new();
        let missing = missing
            .field("detail")
            .and_then(|m| m.field("ECommerceError"));
        elements.insert(
            "ECommerceError".into(),
            serde_json::to_value(Pruned {
                value: detail,
                missing,
            })?,
        );
        out.insert("detail".into(), Value::Object(elements));
    } else if let Some(raw) = &fault.raw_detail {
        out.insert("detail".into(), Value::String(raw.as_str().to_owned()));
    }
    Ok(Value::Object(out))
}

/// Detail elements the operation does not declare, sent beside a declared one:
/// the JSON has no room for them, so they become a diagnostic (no position).
pub(crate) fn undeclared_detail<F>(fault: &Fault<F>) -> Option<Diagnostic> {
    let raw = fault
        .raw_detail
        .as_ref()
        .filter(|_| fault.detail.is_some())?;
    Some(Diagnostic {
        kind: DiagnosticKind::UnknownElement(ElementName {
            namespace: None,
            local: raw.as_str().to_owned().into(),
        }),
        path: "Envelope/Body/Fault/detail".into(),
        line: 0,
        column: 0,
    })
}

/// The text of `Envelope/Body/Fault/faultcode` as sent (`soap:Server`).
fn fault_code_text(xml: &[u8]) -> Option<String> {
    let mut r = Reader::new(xml, &DecodeOptions::default()).ok()?;
    let mut element = r.root().ok()?;
    for name in ["Body", "Fault", "faultcode"] {
        element = loop {
            let child = r.next_element().ok()??;
            if child.local_name() == name {
                break child;
            }
            r.skip(&child).ok()?;
        };
    }
    let text: String = r.text(&element).ok()?;
    Some(soap_runtime::value::collapse_ws(&text).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fault_code_text_keeps_the_prefix() {
        let xml = br#"<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Header/><e:Body><e:Fault><faultcode> e:Client </faultcode><faultstring>x</faultstring></e:Fault></e:Body></e:Envelope>"#;
        assert_eq!(fault_code_text(xml).as_deref(), Some("e:Client"));
    }

    #[test]
    fn fault_code_text_of_a_message_is_none() {
        let xml = br#"<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body><x/></e:Body></e:Envelope>"#;
        assert_eq!(fault_code_text(xml), None);
    }
}
