//! Scanned leaves agree with the tokenizer: documents, their truncations, byte
//! flips and insertions decode to the same values, diagnostics and errors both ways.

use rust_decimal::Decimal;

use super::Reader;
use crate::diag::Diagnostic;
use crate::error::DecodeError;
use crate::xml::{DecodeOptions, FieldName};

static FIELDS: [FieldName; 4] = [
    FieldName::unqualified("id"),
    FieldName::unqualified("note"),
    FieldName::unqualified("n"),
    FieldName::qualified("urn:x", "group"),
];

#[derive(Debug, PartialEq)]
enum Node {
    Text(String),
    Number(Decimal),
    Group(Vec<Node>),
}

type Outcome = Result<(Vec<Node>, Vec<Diagnostic>), DecodeError>;

fn children(r: &mut Reader<'_>) -> Result<Vec<Node>, DecodeError> {
    let mut nodes = Vec::new();
    while let Some((index, child)) = r.next_field(&FIELDS)? {
        nodes.push(match index {
            2 => Node::Number(r.text(&child)?),
            3 => Node::Group(children(r)?),
            _ => Node::Text(r.text(&child)?),
        });
    }
    Ok(nodes)
}

fn decode(xml: &[u8], scan: bool, opts: &DecodeOptions) -> Outcome {
    let mut r = Reader::new(xml, opts)?;
    if !scan {
        r = r.without_scan();
    }
    r.root()?;
    let nodes = children(&mut r)?;
    r.finish()?;
    Ok((nodes, r.into_diagnostics()))
}

fn agree(xml: &[u8]) {
    for opts in [DecodeOptions::default(), DecodeOptions::strict()] {
        let scanned = decode(xml, true, &opts);
        let tokenized = decode(xml, false, &opts);
        assert_eq!(
            scanned,
            tokenized,
            "scanned and tokenized decodes differ for {:?}",
            String::from_utf8_lossy(xml)
        );
    }
}

const DOCUMENTS: [&str; 4] = [
    "<?xml version=\"1.0\"?>\n<r xmlns:x=\"urn:x\">\n  <id>A-1</id>\n  \
     <note>a &amp; b&#x41;\r\n c</note>\n  <n>12.50</n>\n  <x:group>\n    <id>in</id>\n    \
     <unknown><deep>t</deep></unknown>\n    <note><![CDATA[<raw>]]> and <!-- c --> more</note>\n  \
     </x:group >\n  <note/>\n  <note></note>\n  <id>é ü</id  >\n</r>\n<!-- after -->\n",
    "<r><id>1</id><n> 2 </n><x:group xmlns:x=\"urn:x\"><x:id>x</x:id><other>o</other></x:group></r>",
    "<p:r xmlns:p=\"urn:p\" xmlns=\"urn:x\"><group><id xmlns=\"\">a</id></group><id>b</id></p:r>",
    "\u{FEFF}<r>\r\n\t<id>\u{FFFD}</id>\r\n</r>",
];

#[test]
fn the_documents_decode_alike() {
    for doc in DOCUMENTS {
        agree(doc.as_bytes());
        assert!(decode(doc.as_bytes(), true, &DecodeOptions::default()).is_ok());
    }
}

#[test]
fn truncations_and_byte_flips_decode_alike() {
    let flips = [
        b'<', b'>', b'&', b'/', b']', b' ', b'\r', b'\n', 0x01, b'x', b'"', b':', b';', b'!',
    ];
    for doc in DOCUMENTS {
        let bytes = doc.as_bytes();
        for end in 0..bytes.len() {
            agree(&bytes[..end]);
        }
        for at in 0..bytes.len() {
            for flip in flips {
                let mut broken = bytes.to_vec();
                broken[at] = flip;
                agree(&broken);
            }
        }
    }
}

#[test]
fn insertions_decode_alike() {
    let insertions = [
        "]]>",
        "]]",
        "\u{FFFE}",
        "\u{FFFF}",
        "\u{1}",
        "&lt;",
        "&bogus;",
        "&#0;",
        "</id>",
        "<!--c-->",
        "<?pi x?>",
        "<![CDATA[c]]>",
        "\r\n",
        " ",
        "<id>",
        "<n>x</n>",
        "é",
    ];
    for doc in DOCUMENTS {
        let mut at = 0;
        while at <= doc.len() {
            for insertion in insertions {
                agree(format!("{}{insertion}{}", &doc[..at], &doc[at..]).as_bytes());
            }
            at += doc[at..].chars().next().map_or(1, char::len_utf8);
        }
    }
}
