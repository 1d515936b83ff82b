//! [`Config`]: the prost-build style driver of the whole pipeline.

use std::path::{Path, PathBuf};

use crate::emit::{self, EmitOptions};
use crate::format::{self, Header};
use crate::model::{self, Model, ModelOptions};
use crate::parse::{self, Limits, LocationMap};
use crate::resolve;
use crate::Error;
use crate::Warning;

/// Configures and runs code generation (for `build.rs`, tests and `soapgen`).
///
/// ```no_run
/// soap_codegen::Config::new()
///     .wsdl("wsdl/AfterShopFlowService.wsdl")
///     .serde(true)
///     .generate()
///     .expect("generation failed");
/// ```
#[derive(Debug, Clone, Default)]
pub struct Config {
    wsdls: Vec<PathBuf>,
    xsds: Vec<PathBuf>,
    locations: LocationMap,
    limits: Limits,
    model: ModelOptions,
    serde: bool,
    arbitrary: bool,
    no_docs: bool,
    out_file: Option<PathBuf>,
    rerun_if_changed: Option<bool>,
}

impl Config {
    /// An empty configuration.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a WSDL file (services and inline schemas).
    pub fn wsdl(mut self, path: impl Into<PathBuf>) -> Self {
        self.wsdls.push(path.into());
        self
    }

    /// Adds a schema file (types only).
    pub fn xsd(mut self, path: impl Into<PathBuf>) -> Self {
        self.xsds.push(path.into());
        self
    }

    /// Maps `schemaLocation`s starting with `url_prefix` to files under `dir`.
    pub fn location(mut self, url_prefix: impl Into<String>, dir: impl Into<PathBuf>) -> Self {
        self.locations.insert(url_prefix, dir);
        self
    }

    /// Lets schema locations resolve to files under `dir`, outside the
    /// directory of the input file (by default such a location is refused
    /// with [`ParseError::LocationOutsideTree`](crate::parse::ParseError::LocationOutsideTree)).
    /// Directories given to [`location`](Self::location) are allowed already.
    pub fn allow_path(mut self, dir: impl Into<PathBuf>) -> Self {
        self.locations.allow(dir);
        self
    }

    /// Limits for reading the input files.
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Names the module of `namespace` (instead of the derived name).
    pub fn module(mut self, namespace: impl Into<String>, name: impl Into<String>) -> Self {
        self.model.modules.insert(namespace.into(), name.into());
        self
    }

    /// Adds Rust attributes to types: `path` is `"."` (all) or
    /// `"<namespace-or-module>.<XsdName>"`.
    pub fn type_attribute(mut self, path: impl Into<String>, attribute: impl Into<String>) -> Self {
        self.model
            .type_attributes
            .push((path.into(), attribute.into()));
        self
    }

    /// Adds Rust attributes to element fields: `path` is `"."` (all) or
    /// `"<namespace-or-module>.<XsdName>.<xmlName>"`.
    pub fn field_attribute(
        mut self,
        path: impl Into<String>,
        attribute: impl Into<String>,
    ) -> Self {
        self.model
            .field_attributes
            .push((path.into(), attribute.into()));
        self
    }

    /// Derives `Serialize`/`Deserialize` (through `soap_runtime::rt`).
    pub fn serde(mut self, on: bool) -> Self {
        self.serde = on;
        self
    }

    /// Emits `rt::arbitrary_struct!`, `rt::arbitrary_variants!`,
    /// `rt::arbitrary_list!` calls and an `arbitrary_operations` table: with
    /// soap-runtime's `proptest` feature they implement
    /// `soap_runtime::arbitrary::Arbitrary` (random valid values, for
    /// property tests) for every type and list each module's operations as
    /// `arbitrary_operations(visitor)`; without it they expand to nothing.
    pub fn arbitrary(mut self, on: bool) -> Self {
        self.arbitrary = on;
        self
    }

    /// Carry schema/WSDL documentation into rustdoc (default `true`); with
    /// `false` every item gets only its generated doc line.
    pub fn documentation(mut self, on: bool) -> Self {
        self.no_docs = !on;
        self
    }

    /// Marks `field` (XML name) of the fault detail `type_qname`
    /// (`{namespace}name` of the detail element or its type) as the message
    /// for end users.
    pub fn user_message(mut self, type_qname: impl Into<String>, field: impl Into<String>) -> Self {
        self.model
            .user_messages
            .push((type_qname.into(), field.into()));
        self
    }

    /// Keeps only these operations (WSDL names) and the types they use.
    pub fn operations<I, S>(mut self, names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.model.operations = Some(names.into_iter().map(Into::into).collect());
        self
    }

    /// Where [`generate`](Self::generate) writes (default
    /// `$OUT_DIR/<first wsdl stem>.rs`).
    pub fn out_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.out_file = Some(path.into());
        self
    }

    /// Print `cargo:rerun-if-changed=` for every file read (default: when
    /// `OUT_DIR` is set, i.e. in a build script).
    pub fn emit_rerun_if_changed(mut self, on: bool) -> Self {
        self.rerun_if_changed = Some(on);
        self
    }

    fn inputs(&self) -> Vec<PathBuf> {
        self.wsdls.iter().chain(&self.xsds).cloned().collect()
    }

    fn resolved(&self) -> Result<resolve::Resolved, Error> {
        let inputs = self.inputs();
        if inputs.is_empty() {
            return Err(Error::Config(vec![
                "no input: add a .wsdl(..) or .xsd(..)".into()
            ]));
        }
        let docs = parse::load(&inputs, &self.locations, &self.limits)?;
        let options = resolve::ResolveOptions {
            operations: self.model.operations.clone(),
        };
        let resolved = resolve::resolve_with(&docs, &options)?;
        Ok(resolved)
    }

    fn check_attributes(&self) -> Result<(), Error> {
        let problems: Vec<String> = self
            .model
            .type_attributes
            .iter()
            .chain(&self.model.field_attributes)
            .filter_map(|(path, attr)| {
                emit::attributes(std::slice::from_ref(attr), path)
                    .err()
                    .map(|e| e.to_string())
            })
            .collect();
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Config(problems))
        }
    }

    /// Runs parse → resolve → model.
    pub fn model(&self) -> Result<Model, Error> {
        self.check_attributes()?;
        let resolved = self.resolved()?;
        self.build_model(&resolved)
    }

    fn build_model(&self, resolved: &resolve::Resolved) -> Result<Model, Error> {
        let model = model::build(resolved, &self.model)?;
        Ok(if self.no_docs {
            model.without_docs()
        } else {
            model
        })
    }

    /// Runs parse → resolve and returns what the generated code would leave out.
    pub fn warnings(&self) -> Result<Vec<Warning>, Error> {
        Ok(self.resolved()?.warnings)
    }

    fn generate_with_files(&self) -> Result<(String, Vec<PathBuf>, Vec<Warning>), Error> {
        self.check_attributes()?;
        let resolved = self.resolved()?;
        let model = self.build_model(&resolved)?;
        let tokens = emit::emit(
            &model,
            &EmitOptions {
                serde: self.serde,
                arbitrary: self.arbitrary,
            },
        )?;
        let inputs = self.inputs();
        let header = Header::for_inputs(inputs.iter().map(PathBuf::as_path));
        let code = format::format(tokens, &header)?;
        Ok((code, resolved.files, resolved.warnings))
    }

    /// Runs the whole pipeline and returns the code.
    pub fn generate_string(&self) -> Result<String, Error> {
        self.generate_with_files().map(|(code, ..)| code)
    }

    /// [`generate_string`](Self::generate_string), returning the warnings as well.
    pub fn generate_string_report(&self) -> Result<(String, Vec<Warning>), Error> {
        self.generate_with_files()
            .map(|(code, _, warnings)| (code, warnings))
    }

    /// Runs the whole pipeline and writes the output file (only when its
    /// content changed); returns its path. In a build script (see
    /// [`emit_rerun_if_changed`](Self::emit_rerun_if_changed)) each
    /// [`Warning`] is printed as `cargo:warning=`.
    pub fn generate(&self) -> Result<PathBuf, Error> {
        self.generate_report().map(|report| report.path)
    }

    /// [`generate`](Self::generate), returning the warnings as well.
    pub fn generate_report(&self) -> Result<Report, Error> {
        let out = match (&self.out_file, std::env::var_os("OUT_DIR")) {
            (Some(p), _) => p.clone(),
            (None, Some(dir)) => {
                let stem = self
                    .wsdls
                    .first()
                    .or(self.xsds.first())
                    .and_then(|p| p.file_stem())
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "generated".to_string());
                Path::new(&dir).join(format!("{stem}.rs"))
            }
            (None, None) => {
                return Err(Error::Config(vec![
                    "no output file: call .out_file(..) or run from a build script (OUT_DIR)"
                        .into(),
                ]))
            }
        };
        let rerun = self
            .rerun_if_changed
            .unwrap_or_else(|| std::env::var_os("OUT_DIR").is_some());
        if rerun {
            for f in self.inputs() {
                println!("cargo:rerun-if-changed={}", f.display());
            }
        }
        let (code, files, warnings) = self.generate_with_files()?;
        if rerun {
            for f in files.iter().filter(|f| !self.inputs().contains(f)) {
                println!("cargo:rerun-if-changed={}", f.display());
            }
            for warning in &warnings {
                println!("cargo:warning={warning}");
            }
        }
        write_if_changed(&out, code.as_bytes())?;
        Ok(Report {
            path: out,
            warnings,
        })
    }
}

/// What [`Config::generate_report`] produced.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The file written.
    pub path: PathBuf,
    /// What the generated code leaves out, in document order.
    pub warnings: Vec<Warning>,
}

/// Writes `bytes` to `path` unless it already holds exactly them.
pub(crate) fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Error::Io {
            path: dir.to_path_buf(),
            message: e.to_string(),
        })?;
    }
    std::fs::write(path, bytes).map_err(|e| Error::Io {
        path: path.to_path_buf(),
        message: e.to_string(),
    })
}
