//! The SOAP 1.1 `Fault`: `faultcode`, `faultstring`, `faultactor`, `detail`.

use super::encode::write_or_skip;
use super::{SoapVersion, StandardCode};
use crate::diag::{Diagnostic, DiagnosticKind};
use crate::error::DecodeError;
use crate::fault::{read_detail, Fault, FaultCode, FaultDetail};
use crate::value::{is_ncname, QName};
use crate::xml::{FieldName, Reader, Writer};

const VERSION: SoapVersion = SoapVersion::V11;

static FAULT_FIELDS: [FieldName; 4] = [
    FieldName::unqualified("faultcode"),
    FieldName::unqualified("faultstring"),
    FieldName::unqualified("faultactor"),
    FieldName::unqualified("detail"),
];

/// Writes the children of a 1.1 `Fault`; 1.2-only parts (subcodes, node) are left out.
pub(super) fn write<F: FaultDetail>(w: &mut Writer, fault: &Fault<F>) {
    write_code(w, VERSION, None, "faultcode", &VERSION.spell(&fault.code));
    write_or_skip(w, |w| w.field(None, "faultstring", &fault.string));
    write_or_skip(w, |w| w.field(None, "faultactor", &fault.actor));
    if fault.detail.is_some() || fault.raw_detail.is_some() {
        w.raw("<detail>");
        write_detail(w, fault);
        w.raw("</detail>");
    }
}

/// Writes `code` as element `name`: a code in the envelope namespace with
/// the envelope prefix, another with a declared prefix, and a code no peer
/// could read (e.g. the default of a decoded fault that had none) as the
/// generic `Server` code.
pub(super) fn write_code(
    w: &mut Writer,
    version: SoapVersion,
    ns: Option<&'static str>,
    name: &'static str,
    code: &QName,
) {
    let server = version.code(StandardCode::Server);
    let code = match is_ncname(&code.local) {
        true => code,
        false => &server,
    };
    if code.namespace.as_deref() != Some(version.namespace()) {
        let mark = w.mark();
        if w.field(ns, name, code).is_ok() {
            return;
        }
        w.rewind(mark);
        return write_code(w, version, ns, name, &server);
    }
    let mut text = String::from("soapenv:");
    crate::xml::escape_text(&mut text, &code.local);
    let written = w.element_with(
        ns,
        name,
        0,
        |_| Ok(()),
        |w| {
            w.raw(&text);
            Ok(())
        },
    );
    debug_assert!(written.is_ok());
}

/// The typed detail (left out if it cannot be encoded), then the raw one.
pub(super) fn write_detail<F: FaultDetail>(w: &mut Writer, fault: &Fault<F>) {
    if let Some(detail) = &fault.detail {
        write_or_skip(w, |w| detail.write_detail(w));
    }
    if let Some(raw) = &fault.raw_detail {
        w.raw(raw.as_str());
    }
}

/// Reads a SOAP 1.1 `Fault` element. A fault is kept whatever the decode options
/// and whatever the stack bent (a malformed `faultcode`, a missing
/// `faultstring`, a detail element its type cannot read): what was bent becomes
/// a diagnostic. Only a document that is not well-formed XML (or exceeds a
/// limit) is an error. Returns the diagnostics of the typed detail, which is
/// read on its own.
pub(super) fn read<F: FaultDetail>(
    r: &mut Reader<'_>,
) -> Result<(Fault<F>, Vec<Diagnostic>), DecodeError> {
    let mut code: Option<FaultCode> = None;
    let mut string: Option<String> = None;
    let mut actor: Option<String> = None;
    let mut detail = None;
    let mut raw_detail = None;
    let mut diagnostics = Vec::new();
    while let Some((index, child)) = r.next_field(&FAULT_FIELDS)? {
        match index {
            0 => r.read_into(&mut code, &child)?,
            1 => r.read_into(&mut string, &child)?,
            2 => r.read_into(&mut actor, &child)?,
            _ => read_detail(r, &mut detail, &mut raw_detail, &mut diagnostics)?,
        }
    }
    let code = FaultCode::resolve(code, VERSION, "faultcode", r);
    let string = string.unwrap_or_else(|| {
        r.diagnostic(DiagnosticKind::MissingRequired("faultstring".into()));
        String::new()
    });
    let fault = Fault {
        code,
        subcodes: Vec::new(),
        string,
        actor,
        node: None,
        detail,
        raw_detail,
        headers: Default::default(),
    };
    Ok((fault, diagnostics))
}
