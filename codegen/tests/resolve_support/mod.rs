//! Helpers for the parse/resolve tests: scratch directories with inline
//! schemas, and running both stages.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use soap_codegen::parse::{self, Limits, LocationMap};
use soap_codegen::resolve::{self, Resolved};

/// A temporary directory, removed on drop.
pub struct Scratch {
    dir: PathBuf,
}

impl Scratch {
    /// A fresh directory named after the test.
    pub fn new(name: &str) -> Self {
        let dir = std::env::temp_dir()
            .join("soap-codegen-tests")
            .join(format!("{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create scratch dir");
        Scratch { dir }
    }

    /// Writes `content` to `rel` (creating folders) and returns its path.
    pub fn write(&self, rel: &str, content: &str) -> PathBuf {
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create folder");
        }
        std::fs::write(&path, content).expect("write file");
        path
    }

    /// The directory.
    pub fn path(&self) -> &Path {
        &self.dir
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Parses and resolves `inputs` without a location map; errors as text.
pub fn run(inputs: &[PathBuf]) -> Result<Resolved, String> {
    run_with(inputs, &LocationMap::new())
}

/// Parses and resolves `inputs`; errors as text.
pub fn run_with(inputs: &[PathBuf], map: &LocationMap) -> Result<Resolved, String> {
    let docs = parse::load(inputs, map, &Limits::default()).map_err(|e| e.to_string())?;
    resolve::resolve(&docs).map_err(|e| e.to_string())
}

/// Resolves one inline schema written as `a.xsd`.
pub fn schema(test: &str, xsd: &str) -> Resolved {
    let scratch = Scratch::new(test);
    let path = scratch.write("a.xsd", xsd);
    match run(&[path]) {
        Ok(r) => r,
        Err(e) => panic!("{e}"),
    }
}

/// Resolves one inline schema that must fail; returns the error text.
pub fn schema_error(test: &str, xsd: &str) -> String {
    let scratch = Scratch::new(test);
    let path = scratch.write("a.xsd", xsd);
    match run(&[path]) {
        Ok(_) => panic!("expected an error"),
        Err(e) => e,
    }
}

/// `<xs:schema>` wrapper with target namespace `urn:t` bound to `t:`.
pub fn xsd(body: &str) -> String {
    format!(
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:t" targetNamespace="urn:t">
{body}
</xs:schema>"#
    )
}
