//! The SOAP 1.2 `Fault`: `Code` (`Value`, nested `Subcode`s), `Reason`
//! (`Text xml:lang`), `Node`, `Role`, `Detail`.

use super::encode::write_or_skip;
use super::fault11::{write_code, write_detail};
use super::{SoapVersion, SOAP12_NAMESPACE};
use crate::diag::{Diagnostic, DiagnosticKind};
use crate::error::{DecodeError, EncodeError};
use crate::fault::{read_detail, Fault, FaultCode, FaultDetail};
use crate::value::QName;
use crate::xml::{FieldName, Reader, Writer};

const VERSION: SoapVersion = SoapVersion::V12;
const NS: Option<&str> = Some(SOAP12_NAMESPACE);

static FAULT_FIELDS: [FieldName; 5] = [
    FieldName::qualified(SOAP12_NAMESPACE, "Code"),
    FieldName::qualified(SOAP12_NAMESPACE, "Reason"),
    FieldName::qualified(SOAP12_NAMESPACE, "Node"),
    FieldName::qualified(SOAP12_NAMESPACE, "Role"),
    FieldName::qualified(SOAP12_NAMESPACE, "Detail"),
];

static CODE_FIELDS: [FieldName; 2] = [
    FieldName::qualified(SOAP12_NAMESPACE, "Value"),
    FieldName::qualified(SOAP12_NAMESPACE, "Subcode"),
];

static REASON_FIELDS: [FieldName; 1] = [FieldName::qualified(SOAP12_NAMESPACE, "Text")];

/// Writes the children of a 1.2 `Fault`.
pub(super) fn write<F: FaultDetail>(w: &mut Writer, fault: &Fault<F>) {
    let code = VERSION.spell(&fault.code);
    let code = w.element_with(NS, "Code", 0, no_attributes, |w| {
        write_code(w, VERSION, NS, "Value", &code);
        write_subcodes(w, &fault.subcodes);
        Ok(())
    });
    debug_assert!(code.is_ok());
    let text = |w: &mut Writer| {
        let lang = |w: &mut Writer| {
            w.raw(" xml:lang=\"en\"");
            Ok(())
        };
        w.element_with(NS, "Text", 0, lang, |w| w.text(&fault.string))
    };
    let mark = w.mark();
    if w.element_with(NS, "Reason", 0, no_attributes, text)
        .is_err()
    {
        // The reason is required, even when its text has characters XML cannot carry.
        w.rewind(mark);
        w.raw("<soapenv:Reason><soapenv:Text xml:lang=\"en\"/></soapenv:Reason>");
    }
    write_or_skip(w, |w| w.field(NS, "Node", &fault.node));
    write_or_skip(w, |w| w.field(NS, "Role", &fault.actor));
    if fault.detail.is_some() || fault.raw_detail.is_some() {
        w.raw("<soapenv:Detail>");
        write_detail(w, fault);
        w.raw("</soapenv:Detail>");
    }
}

fn write_subcodes(w: &mut Writer, subcodes: &[QName]) {
    let Some((first, rest)) = subcodes.split_first() else {
        return;
    };
    write_or_skip(w, |w| {
        w.element_with(NS, "Subcode", 0, no_attributes, |w| {
            w.field(NS, "Value", first)?;
            write_subcodes(w, rest);
            Ok(())
        })
    });
}

fn no_attributes(_: &mut Writer) -> Result<(), EncodeError> {
    Ok(())
}

/// Reads a SOAP 1.2 `Fault` element, as leniently as a 1.1 one: a missing
/// `Code` or `Reason`, a malformed code value, a detail its type cannot read
/// are diagnostics; the fault is kept. Of several `Reason/Text`s the first
/// is kept.
pub(super) fn read<F: FaultDetail>(
    r: &mut Reader<'_>,
) -> Result<(Fault<F>, Vec<Diagnostic>), DecodeError> {
    let mut code = None;
    let mut subcodes = Vec::new();
    let mut string: Option<String> = None;
    let mut node: Option<String> = None;
    let mut role: Option<String> = None;
    let mut detail = None;
    let mut raw_detail = None;
    let mut diagnostics = Vec::new();
    let mut seen_code = false;
    while let Some((index, child)) = r.next_field(&FAULT_FIELDS)? {
        match index {
            0 if !seen_code => {
                seen_code = true;
                code = read_code(r, &mut subcodes)?;
            }
            1 if string.is_none() => string = Some(read_reason(r)?),
            2 => r.read_into(&mut node, &child)?,
            3 => r.read_into(&mut role, &child)?,
            4 => read_detail(r, &mut detail, &mut raw_detail, &mut diagnostics)?,
            _ => {
                r.unknown_element(&child);
                r.skip(&child)?;
            }
        }
    }
    let code = FaultCode::resolve(code, VERSION, "Code", r);
    let string = string.unwrap_or_else(|| {
        r.diagnostic(DiagnosticKind::MissingRequired("Reason".into()));
        String::new()
    });
    let fault = Fault {
        code,
        subcodes,
        string,
        actor: role,
        node,
        detail,
        raw_detail,
        headers: Default::default(),
    };
    Ok((fault, diagnostics))
}

/// Reads the children of `Code` (or a `Subcode`): its `Value`, and the
/// values of the nested subcodes into `subcodes`.
fn read_code(
    r: &mut Reader<'_>,
    subcodes: &mut Vec<QName>,
) -> Result<Option<FaultCode>, DecodeError> {
    let mut value = None;
    let mut nested = false;
    while let Some((index, child)) = r.next_field(&CODE_FIELDS)? {
        match index {
            0 => r.read_into(&mut value, &child)?,
            _ if !nested => {
                nested = true;
                let at = subcodes.len();
                let inner = read_code(r, subcodes)?;
                let inner = FaultCode::resolve(inner, VERSION, "Subcode/Value", r);
                subcodes.insert(at, inner);
            }
            _ => {
                r.unknown_element(&child);
                r.skip(&child)?;
            }
        }
    }
    Ok(value)
}

/// The first `Text` of a `Reason` (empty when it has none, with a diagnostic).
fn read_reason(r: &mut Reader<'_>) -> Result<String, DecodeError> {
    let mut text: Option<String> = None;
    while let Some((_, child)) = r.next_field(&REASON_FIELDS)? {
        match text {
            None => r.read_into(&mut text, &child)?,
            Some(_) => r.skip(&child)?,
        }
    }
    Ok(text.unwrap_or_else(|| {
        r.diagnostic(DiagnosticKind::MissingRequired("Reason/Text".into()));
        String::new()
    }))
}
