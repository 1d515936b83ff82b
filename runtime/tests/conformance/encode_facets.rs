//! Strict in what we send: facets are checked on encode and the error names the path.

use soap_runtime::rt;

const MSG: &str = "http://ecommerce.resurs.com/v4/msg/aftershopflow";

#[derive(Debug, Clone, PartialEq, Default)]
struct Percent(rt::Decimal);
static PERCENT: rt::Facets = rt::Facets {
    min_inclusive: Some("0"),
    max_inclusive: Some("100"),
    ..rt::Facets::NONE
};
impl rt::SimpleType for Percent {
    fn parse_text(text: &str) -> Result<Self, rt::ValueError> {
        Ok(Self(rt::SimpleType::parse_text(text)?))
    }
    fn write_text(&self, out: &mut String) -> Result<(), rt::ValueError> {
        rt::SimpleType::write_text(&self.0, out)
    }
    fn check_facets(&self) -> Result<(), rt::FacetError> {
        PERCENT.check_decimal(&self.0)
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
struct SpecLine {
    vat_pct: Percent,
}
static SPEC_LINE_FIELDS: [rt::FieldName; 1] = [rt::FieldName::unqualified("vatPct")];
impl rt::XmlType for SpecLine {
    fn write_content(&self, w: &mut rt::Writer) -> Result<(), rt::EncodeError> {
        w.field(None, "vatPct", &self.vat_pct)
    }
    fn read(r: &mut rt::Reader<'_>, start: &rt::Start<'_>) -> Result<Self, rt::DecodeError> {
        let mut vat_pct = None;
        while let Some((_, child)) = r.next_field(&SPEC_LINE_FIELDS)? {
            r.read_into(&mut vat_pct, &child)?;
        }
        Ok(Self {
            vat_pct: r.required(vat_pct, start, "vatPct")?,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
struct Spec {
    spec_lines: Vec<SpecLine>,
}
static SPEC_FIELDS: [rt::FieldName; 1] = [rt::FieldName::unqualified("specLines")];
impl rt::XmlType for Spec {
    fn write_content(&self, w: &mut rt::Writer) -> Result<(), rt::EncodeError> {
        w.field(None, "specLines", &self.spec_lines)
    }
    fn read(r: &mut rt::Reader<'_>, _start: &rt::Start<'_>) -> Result<Self, rt::DecodeError> {
        let mut spec_lines = Vec::new();
        while let Some((_, child)) = r.next_field(&SPEC_FIELDS)? {
            r.read_into(&mut spec_lines, &child)?;
        }
        Ok(Self { spec_lines })
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
struct FinalizePayment {
    payment_id: String,
    part_payment_spec: Option<Box<Spec>>,
}
static FINALIZE_FIELDS: [rt::FieldName; 2] = [
    rt::FieldName::unqualified("paymentId"),
    rt::FieldName::unqualified("partPaymentSpec"),
];
impl rt::XmlType for FinalizePayment {
    fn write_content(&self, w: &mut rt::Writer) -> Result<(), rt::EncodeError> {
        w.field(None, "paymentId", &self.payment_id)?;
        w.field(None, "partPaymentSpec", &self.part_payment_spec)
    }
    fn read(r: &mut rt::Reader<'_>, start: &rt::Start<'_>) -> Result<Self, rt::DecodeError> {
        let mut payment_id = None;
        let mut part_payment_spec = None;
        while let Some((index, child)) = r.next_field(&FINALIZE_FIELDS)? {
            match index {
                0 => r.read_into(&mut payment_id, &child)?,
                _ => r.read_into(&mut part_payment_spec, &child)?,
            }
        }
        Ok(Self {
            payment_id: r.required(payment_id, start, "paymentId")?,
            part_payment_spec,
        })
    }
}

static FINALIZE_PAYMENT: rt::Operation = rt::Operation {
    name: "finalizePayment",
    soap_action: "",
    version: rt::SoapVersion::V11,
    input: rt::Body::Element(rt::FieldName::qualified(MSG, "finalizePayment")),
    output: Some(rt::Body::Element(rt::FieldName::qualified(
        MSG,
        "finalizePaymentResponse",
    ))),
    input_headers: &[],
    output_headers: &[],
};

fn pct(s: &str) -> Percent {
    Percent(rt::SimpleType::parse_text(s).unwrap_or_else(|e| panic!("{e}")))
}

fn request(second_vat: &str) -> FinalizePayment {
    FinalizePayment {
        payment_id: "Pay-1".into(),
        part_payment_spec: Some(Box::new(Spec {
            spec_lines: vec![
                SpecLine { vat_pct: pct("25") },
                SpecLine {
                    vat_pct: pct(second_vat),
                },
            ],
        })),
    }
}

#[test]
fn a_facet_violation_names_the_element_path() {
    let err = rt::envelope::encode_request(&FINALIZE_PAYMENT, &[], &request("120")).err();
    assert_eq!(
        err.map(|e| e.to_string()).as_deref(),
        Some("finalizePayment/partPaymentSpec/specLines[2]/vatPct: 120 is above maxInclusive 100")
    );
}

#[test]
fn operation_element_is_qualified_children_are_not() {
    let xml = rt::envelope::encode_request(&FINALIZE_PAYMENT, &[], &request("25.00000"))
        .unwrap_or_else(|e| panic!("{e}"));
    let xml = String::from_utf8(xml).unwrap_or_default();
    assert!(xml.contains(&format!("<ns1:finalizePayment xmlns:ns1=\"{MSG}\"><paymentId>Pay-1</paymentId><partPaymentSpec><specLines><vatPct>25</vatPct></specLines><specLines><vatPct>25.00000</vatPct></specLines></partPaymentSpec></ns1:finalizePayment>")), "{xml}");
    let back = rt::envelope::decode_request::<FinalizePayment>(
        &FINALIZE_PAYMENT,
        xml.as_bytes(),
        &rt::DecodeOptions::strict(),
    );
    assert_eq!(back.map(|d| d.value), Ok(request("25.00000")));
}

#[test]
fn children_in_the_parents_namespace_are_accepted() {
    // The shape of the seed envelopes: a default namespace puts paymentId in the msg namespace.
    let xml = format!(
        "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>\
         <finalizePayment xmlns=\"{MSG}\"><paymentId>Pay-1</paymentId><partPaymentSpec><specLines><vatPct>25</vatPct></specLines>\
         <specLines><vatPct>120</vatPct></specLines></partPaymentSpec></finalizePayment></soap:Body></soap:Envelope>"
    );
    let back = rt::envelope::decode_request::<FinalizePayment>(
        &FINALIZE_PAYMENT,
        xml.as_bytes(),
        &rt::DecodeOptions::default(),
    );
    let back = back.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back.value, request("120"));
    // Lenient decoding takes the value as sent and records the violation.
    assert_eq!(back.diagnostics.len(), 1, "{:?}", back.diagnostics);
    assert_eq!(
        back.diagnostics[0].to_string(),
        "120 is above maxInclusive 100 at Envelope/Body/finalizePayment/partPaymentSpec/specLines[2]/vatPct (line 1, column 262)"
    );
    let strict = rt::envelope::decode_request::<FinalizePayment>(
        &FINALIZE_PAYMENT,
        xml.as_bytes(),
        &rt::DecodeOptions::strict(),
    );
    let err = strict
        .err()
        .unwrap_or_else(|| panic!("strict accepted a facet violation"));
    assert_eq!(err.to_string(), "120 is above maxInclusive 100 at Envelope/Body/finalizePayment/partPaymentSpec/specLines[2]/vatPct (line 1, column 262)");
}
