//! Every documented Resurs example envelope reads through the reader, with
//! namespaces resolved by URI.

use std::path::PathBuf;

use soap_runtime::rt;

/// Walks a whole element, counting elements and collecting the namespaces seen.
#[derive(Debug, Default)]
struct Tree {
    elements: usize,
    namespaces: Vec<String>,
}

impl Tree {
    fn walk(
        &mut self,
        r: &mut rt::Reader<'_>,
        start: &rt::Start<'_>,
    ) -> Result<(), rt::DecodeError> {
        self.elements += 1;
        if let Some(ns) = start.namespace() {
            if !self.namespaces.iter().any(|n| n == ns) {
                self.namespaces.push(ns.to_owned());
            }
        }
        while let Some(child) = r.next_element()? {
            self.walk(r, &child)?;
        }
        Ok(())
    }
}

impl rt::XmlType for Tree {
    fn write_content(&self, _w: &mut rt::Writer) -> Result<(), rt::EncodeError> {
        Ok(())
    }
    fn read(r: &mut rt::Reader<'_>, start: &rt::Start<'_>) -> Result<Self, rt::DecodeError> {
        let mut tree = Tree::default();
        tree.walk(r, start)?;
        Ok(tree)
    }
}

#[test]
fn every_example_envelope_reads() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/resurs-v4/examples");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("skipped: {} is absent", dir.display());
        return;
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    let opts = rt::DecodeOptions::strict();
    for file in files {
        let xml = std::fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let decoded = rt::decode_document::<Tree>(
            &xml,
            Some("http://schemas.xmlsoap.org/soap/envelope/"),
            "Envelope",
            &opts,
        );
        let tree = decoded
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()))
            .value;
        assert!(tree.elements > 3, "{}", file.display());
        let operation = rt::envelope::peek_operation(&xml, &opts)
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let ns = operation.namespace.clone().unwrap_or_default();
        assert!(
            ns.starts_with("http://ecommerce.resurs.com/v4/msg/")
                || operation.is(Some("http://schemas.xmlsoap.org/soap/envelope/"), "Fault"),
            "{}: {operation}",
            file.display()
        );
        assert!(
            tree.namespaces.iter().any(|n| n == &ns),
            "{}: {:?}",
            file.display(),
            tree.namespaces
        );
        println!(
            "{}: {} elements, operation {operation}",
            file.display(),
            tree.elements
        );
    }
}
