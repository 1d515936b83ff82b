//! Attributes in the `xml:` namespace are written with the predeclared
//! `xml` prefix and read back by namespace.

use soap_runtime::rt;

const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

#[derive(Debug, Clone, PartialEq, Default)]
struct Text {
    lang: Option<String>,
    value: String,
}

impl rt::XmlType for Text {
    fn write_attributes(&self, w: &mut rt::Writer) -> Result<(), rt::EncodeError> {
        w.opt_attribute(Some(XML_NS), "lang", &self.lang)
    }
    fn write_content(&self, w: &mut rt::Writer) -> Result<(), rt::EncodeError> {
        w.text(&self.value)
    }
    fn read(r: &mut rt::Reader<'_>, start: &rt::Start<'_>) -> Result<Self, rt::DecodeError> {
        let lang = r.attribute(start, Some(XML_NS), "lang")?;
        let value = r.text(start)?;
        Ok(Self { lang, value })
    }
}

#[test]
fn xml_lang_uses_the_reserved_prefix_and_round_trips() {
    let text = Text {
        lang: Some("sv".into()),
        value: "Hej".into(),
    };
    let xml = rt::encode_document(&text, Some("urn:t"), "text").expect("encodes");
    assert!(xml.contains(r#"xml:lang="sv""#), "{xml}");
    assert!(
        !xml.contains(XML_NS),
        "the xml prefix is never declared: {xml}"
    );
    let back = rt::decode_document::<Text>(
        xml.as_bytes(),
        Some("urn:t"),
        "text",
        &rt::DecodeOptions::default(),
    )
    .expect("decodes");
    assert_eq!(back.value, text);
}
