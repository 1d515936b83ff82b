//! Regenerates every case under `tests/golden/<case>/` and compares it with
//! its `expected.rs`. `UPDATE_GOLDENS=1 cargo test -p soap-codegen --test golden`
//! rewrites the expectations.
//!
//! A case holds `schema.xsd` or `service.wsdl`, an optional `options` file (`serde`, `no_docs`, `user_message {ns}name field`,
//! `operation name`, one per line), `expected.rs`, `example.xml` and a
//! one-line `README`.

use std::path::{Path, PathBuf};

use soap_codegen::Config;

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .map(|dir| {
            dir.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    cases.sort();
    cases
}

/// The configuration of a case.
fn config(case: &Path) -> Config {
    let mut config = if case.join("service.wsdl").is_file() {
        Config::new().wsdl(case.join("service.wsdl"))
    } else {
        Config::new().xsd(case.join("schema.xsd"))
    };
    let options = std::fs::read_to_string(case.join("options")).unwrap_or_default();
    for line in options.lines().map(str::trim) {
        let mut words = line.split_whitespace();
        match words.next() {
            Some("serde") => config = config.serde(true),
            Some("no_docs") => config = config.documentation(false),
            Some("user_message") => {
                if let (Some(t), Some(f)) = (words.next(), words.next()) {
                    config = config.user_message(t, f);
                }
            }
            Some("operation") => {
                config = config.operations(words.map(String::from).collect::<Vec<_>>());
            }
            Some("module") => {
                if let (Some(ns), Some(name)) = (words.next(), words.next()) {
                    config = config.module(ns, name);
                }
            }
            _ => {}
        }
    }
    config
}

#[test]
fn goldens_match() {
    let update = std::env::var_os("UPDATE_GOLDENS").is_some();
    let mut failures = Vec::new();
    let mut checked = 0;
    for case in cases() {
        let name = case
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let config = config(&case);
        let generated = match config.generate_string() {
            Ok(code) => code,
            Err(e) => {
                failures.push(format!("{name}: generation failed:\n{e}"));
                continue;
            }
        };
        checked += 1;
        let expected_path = case.join("expected.rs");
        if update {
            std::fs::write(&expected_path, &generated).expect("write expected.rs");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != generated {
            let line = expected
                .lines()
                .zip(generated.lines())
                .position(|(a, b)| a != b)
                .unwrap_or_else(|| expected.lines().count().min(generated.lines().count()));
            failures.push(format!(
                "{name}: differs from expected.rs at line {} (UPDATE_GOLDENS=1 rewrites)\n  expected: {}\n  generated: {}",
                line + 1,
                expected.lines().nth(line).unwrap_or("<end>"),
                generated.lines().nth(line).unwrap_or("<end>"),
            ));
        }
    }
    assert!(checked > 0, "no golden case found");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn generation_is_deterministic() {
    for case in cases() {
        let config = config(&case);
        let (Ok(a), Ok(b)) = (config.generate_string(), config.generate_string()) else {
            continue;
        };
        assert_eq!(a, b, "{}", case.display());
    }
}

/// The runtime's contract fixture (`runtime/tests/handwritten/generated.rs`)
/// is this emitter's output for its WSDL, so the runtime's tests exercise what
/// the generator prints today.
#[test]
fn runtime_contract_is_current() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime/tests/handwritten");
    let generated = Config::new()
        .wsdl(dir.join("service.wsdl"))
        .user_message("{urn:example:shop:msg}shopError", "userMessage")
        .generate_string()
        .expect("the contract WSDL generates");
    let path = dir.join("generated.rs");
    if std::env::var_os("UPDATE_GOLDENS").is_some() {
        std::fs::write(&path, &generated).expect("write generated.rs");
        return;
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == generated,
        "{} is not the generator's output for service.wsdl (UPDATE_GOLDENS=1 rewrites it)",
        path.display()
    );
}
